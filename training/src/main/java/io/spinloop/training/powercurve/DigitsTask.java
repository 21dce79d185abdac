package io.spinloop.training.powercurve;

import io.spinloop.training.data.DigitsDataset;
import io.spinloop.training.data.SequenceDataset;

/**
 * The 8x8 digits of {@link DigitsDataset} (1797 images, pixels scaled to [0, 1]) as 64 features per
 * image, for the seed-003 and seed-002 classifiers, which take an image at once (seed 003: one pixel
 * per STNO; seed 002: the read-in layer) rather than as seed 000's pixel sequence: one step of 64 inputs.
 * Split 80:20 as in seed 003 with {@link SequenceDataset#split(double, long, SequenceDataset.Split.Rounding)},
 * rounding to the nearest row.
 */
public final class DigitsTask {
    public static final int PIXELS = DigitsDataset.PIXELS;
    public static final int CLASSES = DigitsDataset.CLASSES;

    private DigitsTask() {
    }

    public static SequenceDataset load() {
        return DigitsDataset.load().asOneStep();
    }
}
