package io.spinloop.training.powercurve;

import io.spinloop.training.data.SequenceDataset;
import java.util.Locale;
import java.util.Optional;

/**
 * The tasks of the p(I) network (seed 003) and the coupled macrospins (seed 002), named as on the command line:
 * each example is a feature vector written into the network at once.
 */
public enum ClassificationTask {
    /** The two-spiral binary classification, 1000 points (seed 003 Fig. 3). */
    SPIRAL("spiral"),
    /** The 8x8 digits, 1797 images (seed 003; seed 002's stand-in for MNIST, which is not available offline). */
    DIGITS("digits");

    private final String cliName;

    ClassificationTask(String cliName) {
        this.cliName = cliName;
    }

    /** The examples: the spiral drawn from {@code dataSeed}, or the digits (which need no seed). */
    public SequenceDataset load(long dataSeed) {
        return this == SPIRAL ? SpiralTask.generate(dataSeed) : DigitsTask.load();
    }

    /** The task of that name (any case), or empty. */
    public static Optional<ClassificationTask> named(String name) {
        for (ClassificationTask t : values()) {
            if (t.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return cliName;
    }
}
