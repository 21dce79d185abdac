package io.spinloop.training.powercurve;

import io.spinloop.training.data.SequenceDataset;
import java.util.List;

/**
 * One training run of the p(I) network with seed 003's settings for its task (spiral: 32 oscillators, 5 steps,
 * 300 epochs, Adam rate 0.01 decaying over 100 epochs; digits: 64 oscillators, 2 steps, 40 epochs, 0.003 over 10):
 * the unit that {@code spinloop train --model power-curve} repeats over seeds, that the studies reuse, and that a
 * cluster can run as one task, with no command line involved.
 */
public record PowerCurveRun(ClassificationTask task, int oscillators, int steps, int epochs, int batch) {

    public PowerCurveRun {
        if (oscillators < 1 || steps < 1 || epochs < 1 || batch < 1) {
            throw new IllegalArgumentException("oscillators, steps, epochs and batch must be >= 1, got " + oscillators
                    + ", " + steps + ", " + epochs + ", " + batch);
        }
    }

    /** Seed 003's settings for {@code task}, minibatches of 32. */
    public static PowerCurveRun defaults(ClassificationTask task) {
        boolean spiral = task == ClassificationTask.SPIRAL;
        return new PowerCurveRun(task, spiral ? 32 : 64, spiral ? 5 : 2, spiral ? 300 : 40, 32);
    }

    public PowerCurveRun withOscillators(int n) {
        return new PowerCurveRun(task, n, steps, epochs, batch);
    }

    public PowerCurveRun withSteps(int n) {
        return new PowerCurveRun(task, oscillators, n, epochs, batch);
    }

    public PowerCurveRun withEpochs(int n) {
        return new PowerCurveRun(task, oscillators, steps, n, batch);
    }

    public PowerCurveRun withBatch(int n) {
        return new PowerCurveRun(task, oscillators, steps, epochs, n);
    }

    /** The network's configuration: the spiral's two inputs on the first oscillators, or one pixel per oscillator. */
    public PowerCurveNetworkConfig config() {
        return task == ClassificationTask.SPIRAL ? PowerCurveNetworkConfig.spiral(oscillators, steps)
                : PowerCurveNetworkConfig.digits(steps).withOscillators(oscillators);
    }

    /** The training options of seed {@code seed} (its shuffling and training noise). */
    public PowerCurveTrainer.Options options(long seed) {
        return task == ClassificationTask.SPIRAL ? new PowerCurveTrainer.Options(epochs, batch, 0.01, 100, 1.0, seed)
                : new PowerCurveTrainer.Options(epochs, batch, 0.003, 10, 1.0, seed);
    }

    /** A fresh network initialised from {@code seed}. */
    public PowerCurveNetwork network(long seed) {
        return new PowerCurveNetwork(config(), seed);
    }

    /** Trains {@code network} (made by {@link #network}) on the split's train part, testing on its test part. */
    public List<PowerCurveTrainer.Epoch> train(PowerCurveNetwork network, SequenceDataset.Split split, long seed,
            PowerCurveTrainer.Listener listener) {
        return PowerCurveTrainer.train(network, split.train(), split.test(), options(seed), listener);
    }
}
