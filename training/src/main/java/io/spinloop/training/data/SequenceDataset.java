package io.spinloop.training.data;

import java.util.Arrays;
import java.util.Random;

/**
 * Labelled sequences for classification: row i is {@code sequences[i]} (time-major, {@code inputs} values
 * per time step) with class {@code labels[i]}.
 */
public record SequenceDataset(double[][] sequences, int[] labels, int inputs, int classes) {

    public SequenceDataset {
        if (sequences.length != labels.length) {
            throw new IllegalArgumentException(sequences.length + " sequences but " + labels.length + " labels");
        }
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
     * A copy with independent Gaussian noise of standard deviation {@code sigma} added to every value (a
     * regulariser for training: the noise is drawn from {@code rng}, so a seeded run stays reproducible).
     */
    public SequenceDataset withGaussianNoise(double sigma, Random rng) {
        double[][] s = new double[size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = sequences[i].clone();
            for (int j = 0; j < s[i].length; j++) {
                s[i][j] += sigma * rng.nextGaussian();
            }
        }
        return new SequenceDataset(s, labels, inputs, classes);
    }

    /** Splits at random (seeded) into a train part of {@code ceil(n · trainFraction)} rows and a test part. */
    public Split split(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train fraction must be in (0,1), got " + trainFraction);
        }
        int[] p = permutation(size(), new Random(seed));
        int nTrain = (int) Math.ceil(size() * trainFraction);
        return new Split(select(Arrays.copyOfRange(p, 0, nTrain)), select(Arrays.copyOfRange(p, nTrain, size())));
    }

    static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A train/test pair. */
    public record Split(SequenceDataset train, SequenceDataset test) {
    }
}
