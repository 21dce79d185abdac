package io.spinloop.training.powercurve;

import io.spinloop.training.data.DigitsDataset;
import io.spinloop.training.data.SequenceDataset;

/**
 * The 8x8 digits of {@link DigitsDataset} (1797 images, pixels scaled to [0, 1]) as 64 features per
 * image, for the seed-003 and seed-002 classifiers, which take an image at once (seed 003: one pixel
 * per STNO; seed 002: the read-in layer) rather than as seed 000's pixel sequence. Split 80:20 as in
 * seed 003 with {@link LabelledData#split}.
 */
public final class DigitsTask {
    public static final int PIXELS = DigitsDataset.PIXELS;
    public static final int CLASSES = DigitsDataset.CLASSES;

    private DigitsTask() {
    }

    public static LabelledData load() {
        SequenceDataset digits = DigitsDataset.load();
        return new LabelledData(digits.sequences(), digits.labels(), digits.classes());
    }
}
