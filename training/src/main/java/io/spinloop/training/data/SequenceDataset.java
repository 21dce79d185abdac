package io.spinloop.training.data;

import java.util.Arrays;
import java.util.Random;

/**
 * Labelled sequences for classification, the one labelled-dataset type of the training module: row i is
 * {@code sequences[i]} (time-major, {@code inputs} values per time step) with class {@code labels[i]}.
 *
 * <p>The sequential digits of seed 000 are 64 steps of one pixel. The classifiers of seeds 002 and 003 write an
 * example into the network at once: their rows are sequences of one step of {@code inputs} values (a feature
 * vector), built with {@link #ofFeatures} or {@link #asOneStep}.
 */
public record SequenceDataset(double[][] sequences, int[] labels, int inputs, int classes)
        implements java.io.Serializable {

    public SequenceDataset {
        if (sequences.length != labels.length) {
            throw new IllegalArgumentException(sequences.length + " sequences but " + labels.length + " labels");
        }
    }

    /**
     * Feature vectors with class labels: each row one step of all its values. Refuses an empty set, rows of
     * different lengths and labels outside {@code 0..classes-1}.
     */
    public static SequenceDataset ofFeatures(double[][] features, int[] labels, int classes) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " feature rows but " + labels.length + " labels");
        }
        if (features.length == 0) {
            throw new IllegalArgumentException("a data set needs at least one example");
        }
        int d = features[0].length;
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + features[i].length + " features, row 0 has " + d);
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " outside 0.." + (classes - 1));
            }
        }
        return new SequenceDataset(features, labels, d, classes);
    }

    /** The same rows (shared, not copied) as sequences of one step of all their values: feature vectors. */
    public SequenceDataset asOneStep() {
        return ofFeatures(sequences, labels, classes);
    }

    public int size() {
        return labels.length;
    }

    public int steps() {
        return sequences[0].length / inputs;
    }

    /** The rows at {@code idx}, in that order (shares the row arrays). */
    public SequenceDataset select(int[] idx) {
        double[][] s = new double[idx.length][];
        int[] l = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            s[i] = sequences[idx[i]];
            l[i] = labels[idx[i]];
        }
        return new SequenceDataset(s, l, inputs, classes);
    }

    /** The first {@code n} rows (for quick runs and tests). */
    public SequenceDataset head(int n) {
        int m = Math.min(n, size());
        return new SequenceDataset(Arrays.copyOf(sequences, m), Arrays.copyOf(labels, m), inputs, classes);
    }

    /** A permutation of the rows drawn from {@code rng}. */
    public SequenceDataset shuffled(Random rng) {
        return select(permutation(size(), rng));
    }

    /**
     * Splits at random (seeded) into a train part of {@code ceil(n · trainFraction)} rows and a test part: the
     * rounding of seed 000's sequential digits, {@link Split.Rounding#UP}.
     */
    public Split split(double trainFraction, long seed) {
        return split(trainFraction, seed, Split.Rounding.UP);
    }

    /**
     * Splits at random (seeded) into a train part of {@code n · trainFraction} rows, rounded as {@code rounding}
     * says, and a test part. The permutation is the same whatever the rounding, so the two roundings differ only
     * in where the cut falls, and only when {@code n · trainFraction} has a fraction below one half.
     */
    public Split split(double trainFraction, long seed, Split.Rounding rounding) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train fraction must be in (0,1), got " + trainFraction);
        }
        int[] p = permutation(size(), new Random(seed));
        int nTrain = rounding.trainRows(size(), trainFraction);
        if (rounding == Split.Rounding.NEAREST && (nTrain == 0 || nTrain == size())) {
            // as the feature-vector sets always did: neither part may be empty
            throw new IllegalArgumentException("a data set needs at least one example");
        }
        return new Split(select(Arrays.copyOfRange(p, 0, nTrain)), select(Arrays.copyOfRange(p, nTrain, size())));
    }

    static int[] permutation(int n, Random rng) {
        return permutation(n, rng::nextInt);
    }

    /**
     * A Fisher-Yates permutation of 0..n-1: {@code bound.applyAsInt(k)} draws uniformly from 0..k-1 (a
     * {@link Random}'s or a {@link java.util.SplittableRandom}'s {@code nextInt}). The one shuffle of the training
     * module: the splits here and every epoch's order ({@link io.spinloop.training.loop.ExampleOrder}).
     */
    public static int[] permutation(int n, java.util.function.IntUnaryOperator bound) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = bound.applyAsInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A train/test pair. */
    public record Split(SequenceDataset train, SequenceDataset test) {

        /**
         * How the train part's size {@code n · fraction} becomes a whole number of rows. Each caller keeps the
         * rounding it had before the two dataset types became one, so that no seeded split moves.
         */
        public enum Rounding {
            /** {@code ceil(n · fraction)}: seed 000's sequential digits, the run directory, tuning, the chip. */
            UP,
            /**
             * {@code round(n · fraction)}, and neither part empty: the classifiers of seeds 002 and 003 (80:20 of
             * the spiral and of the 8x8 digits as feature vectors).
             */
            NEAREST;

            int trainRows(int n, double fraction) {
                return this == UP ? (int) Math.ceil(n * fraction) : (int) Math.round(n * fraction);
            }
        }
    }
}
