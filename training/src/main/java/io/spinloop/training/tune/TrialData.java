package io.spinloop.training.tune;

import io.spinloop.training.data.SequenceDataset;
import java.io.Serializable;

/** What every trial trains on: the training part and the validation part held out of the training set. */
public record TrialData(SequenceDataset train, SequenceDataset validation) implements Serializable {
    private static final long serialVersionUID = 1L;
}
