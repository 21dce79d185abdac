package io.spinloop.twin.fit;

import io.spinloop.twin.Normalisation;
import io.spinloop.twin.SequenceData;

/**
 * Settings of a neural-SDE fit.
 *
 * @param epochs          maximum passes over the training transitions (likelihood) or windows (moments)
 * @param batchSize       transitions per Adam step (likelihood)
 * @param learningRate    Adam's initial rate; it decays as lr0 / (1 + epoch / 4)
 * @param patience        epochs without held-out improvement before stopping early
 * @param heldOutFraction share of the sequences held out for early stopping and validation
 * @param seed            seeds the split, the initial weights, the batches and the noise
 * @param threads         worker threads for the gradient of a batch
 * @param objective       likelihood, moments, or both with validation choosing
 * @param window          steps per free-running window (moments)
 * @param logPower        the SDE's state is the power in dB, normalised ({@link Normalisation#logPowerOf}), instead
 *                        of the power in W; sampling and validation still give and judge W
 */
public record FitOptions(int epochs, int batchSize, double learningRate, int patience, double heldOutFraction,
        long seed, int threads, Objective objective, int window, boolean logPower) {

    public FitOptions {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || patience < 1 || !(heldOutFraction > 0
                && heldOutFraction < 1) || threads < 1 || window < 2) {
            throw new IllegalArgumentException("invalid fit options: " + this);
        }
    }

    /** Power in W (linear normalisation). */
    public FitOptions(int epochs, int batchSize, double learningRate, int patience, double heldOutFraction, long seed,
            int threads, Objective objective, int window) {
        this(epochs, batchSize, learningRate, patience, heldOutFraction, seed, threads, objective, window, false);
    }

    /** The normalisation these options fit with, from the training data. */
    public Normalisation normalisation(SequenceData train) {
        return logPower ? Normalisation.logPowerOf(train) : Normalisation.of(train);
    }

    public FitOptions withLogPower(boolean log) {
        return new FitOptions(epochs, batchSize, learningRate, patience, heldOutFraction, seed, threads, objective, window, log);
    }

    public static FitOptions defaults() {
        return new FitOptions(12, 1024, 2e-2, 4, 0.2, 1, Math.min(4, Runtime.getRuntime().availableProcessors()),
                Objective.LIKELIHOOD, 24);
    }

    public FitOptions withObjective(Objective o) {
        return new FitOptions(epochs, batchSize, learningRate, patience, heldOutFraction, seed, threads, o, window, logPower);
    }

    public FitOptions withEpochs(int e) {
        return new FitOptions(e, batchSize, learningRate, patience, heldOutFraction, seed, threads, objective, window, logPower);
    }

    public FitOptions withSeed(long s) {
        return new FitOptions(epochs, batchSize, learningRate, patience, heldOutFraction, s, threads, objective, window, logPower);
    }

    public FitOptions withThreads(int n) {
        return new FitOptions(epochs, batchSize, learningRate, patience, heldOutFraction, seed, n, objective, window, logPower);
    }
}
