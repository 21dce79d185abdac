package io.spinloop.training.run;

/**
 * What a run does against over-fitting, beyond the seed's recipe (which has none: its only guard is the
 * sparse connectivity). All off by default; README "Training oscillator networks" gives the measured effect.
 *
 * @param weightDecay decoupled weight decay (AdamW): every weight matrix shrinks by {@code lr · weightDecay}
 *                    of itself per step; biases are not decayed
 * @param inputNoise  standard deviation of Gaussian noise added to every training pixel (pixels are in
 *                    [0, 1]), drawn afresh each epoch; evaluation sees clean inputs
 * @param validation  fraction of the training set held out to choose the epoch whose weights are kept
 *                    (early stopping); the test set is never used for that choice
 */
public record Regularisation(double weightDecay, double inputNoise, double validation)
        implements java.io.Serializable {
    public static final Regularisation NONE = new Regularisation(0, 0, 0);

    public Regularisation {
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new InvalidOptionException("--weight-decay", String.valueOf(weightDecay), "must be a number >= 0");
        }
        if (!(inputNoise >= 0) || !Double.isFinite(inputNoise)) {
            throw new InvalidOptionException("--input-noise", String.valueOf(inputNoise), "must be a number >= 0");
        }
        if (!(validation >= 0 && validation <= 0.5)) {
            throw new InvalidOptionException("--validation", String.valueOf(validation),
                    "the held-out fraction of the training set must be in [0, 0.5]");
        }
    }

    public boolean holdsOutValidation() {
        return validation > 0;
    }
}
