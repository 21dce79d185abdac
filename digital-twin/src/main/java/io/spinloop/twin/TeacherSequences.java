package io.spinloop.twin;

import java.util.SplittableRandom;

/**
 * Measurement-like sequences simulated from a known model (a "teacher", as in seed 002): random
 * piecewise-constant drive sequences, each played {@code repeats} times with fresh noise. Used by system
 * identification studies, benchmarks and tests before (or besides) recorded measurements; its data never
 * pretend to come from a bench: {@code source} says "teacher:" and the model.
 */
public final class TeacherSequences {
    private TeacherSequences() {
    }

    /**
     * Random drives: levels uniform in [lowA, highA], each held for 1 + a geometric number of steps (mean
     * {@code meanHold}), like a SourceMeter list of random levels.
     */
    public static double[][] randomDrives(int sequences, int steps, double lowA, double highA, double meanHold, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] d = new double[sequences][steps];
        double pChange = 1.0 / Math.max(1.0, meanHold);
        for (int s = 0; s < sequences; s++) {
            double level = lowA + (highA - lowA) * rng.nextDouble();
            for (int t = 0; t < steps; t++) {
                if (t > 0 && rng.nextDouble() < pChange) {
                    level = lowA + (highA - lowA) * rng.nextDouble();
                }
                d[s][t] = level;
            }
        }
        return d;
    }

    /** Plays every drive {@code repeats} times through {@code twin} with noise seeded by {@code seed}. */
    public static SequenceData play(DigitalTwin twin, double[][] driveA, int repeats, double sampleIntervalS, long seed) {
        double[][][] p = twin.sample(driveA, repeats, seed, true);
        double[] time = new double[driveA[0].length];
        for (int t = 0; t < time.length; t++) {
            time[t] = t * sampleIntervalS;
        }
        return new SequenceData("teacher:" + twin.model().kind() + ":seed=" + seed, time, driveA, p);
    }
}
