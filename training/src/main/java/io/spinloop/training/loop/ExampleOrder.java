package io.spinloop.training.loop;

import io.spinloop.training.data.SequenceDataset;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * The order in which an epoch visits the training examples: a Fisher-Yates shuffle whose random numbers come
 * either from a generator made fresh for each epoch (so any epoch can be replayed alone, which is what resuming
 * a checkpoint needs) or from one generator drawn on across epochs (the p(I) and macrospin networks' original
 * order, kept so their seeded curves do not move; a resumed run replays the skipped epochs' draws).
 */
public final class ExampleOrder {
    private final IntFunction<IntUnaryOperator> ofEpoch;
    private final IntUnaryOperator continuing;
    private int nextEpoch;

    private ExampleOrder(IntFunction<IntUnaryOperator> ofEpoch, IntUnaryOperator continuing) {
        this.ofEpoch = ofEpoch;
        this.continuing = continuing;
    }

    /** Epoch e (from 0) is shuffled with {@code random.apply(e)}. */
    public static ExampleOrder perEpoch(IntFunction<Random> random) {
        return new ExampleOrder(e -> random.apply(e)::nextInt, null);
    }

    /** Epoch e (from 0) is shuffled with {@code random.apply(e)}. */
    public static ExampleOrder perEpochSplittable(IntFunction<SplittableRandom> random) {
        return new ExampleOrder(e -> random.apply(e)::nextInt, null);
    }

    /** Every epoch draws on the same generator, epoch after epoch. */
    public static ExampleOrder continuing(Random random) {
        return new ExampleOrder(null, random::nextInt);
    }

    /** Every epoch draws on the same generator, epoch after epoch. */
    public static ExampleOrder continuing(SplittableRandom random) {
        return new ExampleOrder(null, random::nextInt);
    }

    /** The order of epoch {@code epoch} (from 0) over {@code n} examples. */
    public int[] permutation(int epoch, int n) {
        if (ofEpoch != null) {
            return shuffle(n, ofEpoch.apply(epoch));
        }
        if (epoch < nextEpoch) {
            throw new IllegalStateException("epoch " + epoch + "'s order was already drawn from a continuing "
                    + "generator (next is " + nextEpoch + "); make a new order to start over");
        }
        while (nextEpoch < epoch) {
            shuffle(n, continuing); // a resumed run draws the skipped epochs' orders to reach the same state
            nextEpoch++;
        }
        nextEpoch++;
        return shuffle(n, continuing);
    }

    private static int[] shuffle(int n, IntUnaryOperator bound) {
        return SequenceDataset.permutation(n, bound);
    }
}
