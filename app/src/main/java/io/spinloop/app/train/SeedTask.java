package io.spinloop.app.train;

import io.spinloop.training.powercurve.DigitsTask;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.powercurve.SpiralTask;

/** The tasks of seeds 003 and 002, as {@code --task} values. */
enum SeedTask {
    /** The two-spiral binary classification, 1000 points (seed 003 Fig. 3). */
    SPIRAL("spiral"),
    /** The 8x8 digits, 1797 images (seed 003; seed 002's stand-in for MNIST, which is not available offline). */
    DIGITS("digits");

    private final String cliName;

    SeedTask(String cliName) {
        this.cliName = cliName;
    }

    SequenceDataset load(long dataSeed) {
        return this == SPIRAL ? SpiralTask.generate(dataSeed) : DigitsTask.load();
    }

    @Override
    public String toString() {
        return cliName;
    }
}
