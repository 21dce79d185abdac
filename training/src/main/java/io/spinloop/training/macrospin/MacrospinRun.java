package io.spinloop.training.macrospin;

import io.spinloop.training.data.SequenceDataset;
import io.spinloop.twin.physics.MacrospinParameters;
import java.util.List;

/**
 * One training run of seed 002's coupled macrospins between a read-in and a read-out layer, at zero temperature, with
 * the seed's rates: the unit that {@code spinloop train --model macrospin} repeats over seeds and that a cluster can
 * run as one task, with no command line involved.
 */
public record MacrospinRun(int oscillators, double coupling, TrainedParts parts, int epochs, int batch) {
    /** Seed 002's N. */
    public static final int DEFAULT_OSCILLATORS = 200;
    public static final int DEFAULT_EPOCHS = 10;

    public MacrospinRun {
        if (oscillators < 1 || epochs < 1 || batch < 1) {
            throw new IllegalArgumentException("oscillators, epochs and batch must be >= 1, got " + oscillators + ", "
                    + epochs + ", " + batch);
        }
    }

    /** The network for a task of {@code inputs} features and {@code classes} classes. */
    public MacrospinNetworkConfig config(int inputs, int classes) {
        MacrospinNetworkConfig base = MacrospinNetworkConfig.digits(oscillators, coupling);
        return new MacrospinNetworkConfig(inputs, base.oscillators(), classes, coupling, base.steps(),
                base.stepSeconds(), base.substeps(), MacrospinParameters.SEED_002.withTemperature(0), base.initialField(),
                base.initialCurrent(), base.initialDamping());
    }

    /** Trains a fresh network of seed {@code seed} on the split's train part, testing on its test part. */
    public List<MacrospinTrainer.Epoch> train(SequenceDataset.Split split, long seed, MacrospinTrainer.Listener listener) {
        MacrospinNetwork net = new MacrospinNetwork(config(split.train().inputs(), split.train().classes()), seed);
        return MacrospinTrainer.train(net, parts, split.train(), split.test(),
                MacrospinTrainer.Options.seed(epochs, batch, seed), listener);
    }
}
