package io.spinloop.twin.fit;

import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.validate.ValidationReport;
import java.util.List;

/**
 * A fitted twin with the story of its fit.
 *
 * @param twin            the twin (best held-out epoch)
 * @param objective       the objective that produced it (for AUTO: the one validation chose)
 * @param epochLosses     training loss per epoch, then held-out loss per epoch
 * @param heldOutLosses   held-out loss per epoch
 * @param bestEpoch       the epoch whose parameters were kept
 * @param seconds         wall time of the fit
 * @param validation      distribution figures on the held-out sequences, with the measured floor
 * @param trainingSequences number of sequences fitted on
 * @param heldOutSequences  number held out (early stopping, validation)
 */
public record FitResult(DigitalTwin twin, Objective objective, List<Double> epochLosses, List<Double> heldOutLosses,
        int bestEpoch, double seconds, ValidationReport validation, int trainingSequences, int heldOutSequences) {
}
