package io.spinloop.training.powercurve;

import java.util.Arrays;
import java.util.Random;

/**
 * Fixed-size feature vectors with class labels, for the classifiers of seeds 002 and 003 (whose input
 * is written into the initial state at once, not fed as a sequence). Row i is {@code features[i]}.
 */
public record LabelledData(double[][] features, int[] labels, int classes) {

    public LabelledData {
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
    }

    public int size() {
        return labels.length;
    }

    public int dimension() {
        return features[0].length;
    }

    /** The rows at {@code idx}, in that order (rows shared, not copied). */
    public LabelledData select(int[] idx) {
        double[][] f = new double[idx.length][];
        int[] l = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            f[i] = features[idx[i]];
            l[i] = labels[idx[i]];
        }
        return new LabelledData(f, l, classes);
    }

    /** A seeded random split into {@code round(n * trainFraction)} training rows and the rest for test. */
    public Split split(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train fraction must lie in (0, 1), got " + trainFraction);
        }
        int[] p = permutation(size(), new Random(seed));
        int nTrain = (int) Math.round(size() * trainFraction);
        return new Split(select(Arrays.copyOfRange(p, 0, nTrain)), select(Arrays.copyOfRange(p, nTrain, size())));
    }

    /** A Fisher-Yates permutation of 0..n-1. */
    public static int[] permutation(int n, Random rng) {
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
    public record Split(LabelledData train, LabelledData test) {
    }
}
