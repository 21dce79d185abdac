package io.spinloop.training.tune;

import java.io.Serializable;
import java.util.List;

/**
 * What a trial's task sends back: the validation accuracy after each epoch it trained, whether it stopped because
 * the driver said so, and a failure's message (null if none).
 */
public record TrialOutcome(List<Double> values, boolean stopped, String failure) implements Serializable {
    private static final long serialVersionUID = 1L;

    public TrialOutcome {
        values = List.copyOf(values);
    }

    /** Epochs the task trained. */
    public int epochsRun() {
        return values.size();
    }
}
