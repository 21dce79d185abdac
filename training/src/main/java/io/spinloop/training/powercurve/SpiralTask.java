package io.spinloop.training.powercurve;

import io.spinloop.training.data.SequenceDataset;
import java.util.Random;

/**
 * The two-spiral binary classification of seed 003 (Fig. 3, after its ref. [9]): points on two
 * interleaved arms, one per class, in the square [-1, 1]^2 roughly.
 *
 * <p>The seed gives the size (1000 points, 80:20) but not the geometry, so it is fixed here and named:
 * radius {@code r = t} for {@code t ~ U(0, 1)}, angle {@code 2 pi turns t + pi c} for class c, and
 * Gaussian noise of standard deviation {@code noise} on each coordinate. Defaults: 1.5 turns,
 * noise 0.05 (arms of opposite classes are 1/3 apart radially, so the classes barely overlap except
 * near the centre, where the arms meet).
 */
public final class SpiralTask {
    public static final int DEFAULT_POINTS = 1000;
    public static final double DEFAULT_TURNS = 1.5;
    public static final double DEFAULT_NOISE = 0.05;

    private SpiralTask() {
    }

    /** The default spiral: 1000 points, half per class, from {@code seed}. */
    public static SequenceDataset generate(long seed) {
        return generate(DEFAULT_POINTS, DEFAULT_TURNS, DEFAULT_NOISE, seed);
    }

    public static SequenceDataset generate(int points, double turns, double noise, long seed) {
        if (points < 2 || points % 2 != 0) {
            throw new IllegalArgumentException("the spiral needs an even number of points >= 2, got " + points);
        }
        if (!(turns > 0) || !(noise >= 0)) {
            throw new IllegalArgumentException("turns must be > 0 and noise >= 0, got " + turns + ", " + noise);
        }
        Random rng = new Random(seed);
        double[][] xy = new double[points][];
        int[] labels = new int[points];
        for (int i = 0; i < points; i++) {
            int c = i % 2;
            double t = rng.nextDouble();
            double angle = 2 * Math.PI * turns * t + Math.PI * c;
            xy[i] = new double[] {
                t * Math.cos(angle) + noise * rng.nextGaussian(),
                t * Math.sin(angle) + noise * rng.nextGaussian()};
            labels[i] = c;
        }
        return SequenceDataset.ofFeatures(xy, labels, 2);
    }
}
