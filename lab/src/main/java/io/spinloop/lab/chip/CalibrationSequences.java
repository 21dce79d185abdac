package io.spinloop.lab.chip;

import java.util.SplittableRandom;

/**
 * Drive sequences that calibrate a device as a quasi-static neuron: random walks over the working window
 * [{@code loA}, {@code hiA}], every point a new drive drawn uniformly within one source step of the last (so the
 * readings cover the window evenly and each sees a different neighbour), and the last point within one step of
 * the first, so the list can be replayed. Each sequence starts at a random point of the window.
 *
 * @param maxStepA largest change between neighbouring points (a little under the source's step limit)
 */
public record CalibrationSequences(double loA, double hiA, double maxStepA) {

    public CalibrationSequences {
        if (!(loA < hiA) || !(maxStepA > 0)) {
            throw new IllegalArgumentException("calibration sequences need lo < hi and a positive step, got " + loA
                    + ", " + hiA + ", " + maxStepA);
        }
    }

    /** {@code count} sequences of {@code length} drives (A), reproducible from {@code seed}. */
    public double[][] generate(int count, int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] out = new double[count][length];
        for (int s = 0; s < count; s++) {
            double[] x = out[s];
            x[0] = loA + (hiA - loA) * r.nextDouble();
            for (int i = 1; i < length; i++) {
                // steps left back to the first point, counting the wrap from the last point to the first
                double reach = (length - i) * maxStepA;
                double from = Math.max(Math.max(loA, x[i - 1] - maxStepA), x[0] - reach);
                double to = Math.min(Math.min(hiA, x[i - 1] + maxStepA), x[0] + reach);
                x[i] = from + (to - from) * r.nextDouble();
            }
        }
        return out;
    }
}
