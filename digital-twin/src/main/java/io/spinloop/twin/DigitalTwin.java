package io.spinloop.twin;

import java.util.Objects;

/**
 * A fitted device model with the normalisation that maps it to physical units: the object twin files hold
 * and the training module uses. It takes drive currents in A and gives power in W.
 *
 * @param model         the device model, in the units {@code normalisation} maps to
 * @param normalisation physical ↔ model units, including the time unit
 * @param sampleIntervalS the sample interval of the training data (s): the step the twin was fitted at
 */
public record DigitalTwin(DeviceModel model, Normalisation normalisation, double sampleIntervalS) {

    public DigitalTwin {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(normalisation, "normalisation");
        if (!(sampleIntervalS > 0)) {
            throw new IllegalArgumentException("sample interval must be positive, got " + sampleIntervalS);
        }
    }

    /**
     * Simulated power (W), {@code [s][r][t]}, for {@code repeats} trajectories of each drive sequence (A),
     * sampled every {@code sampleIntervalS}; trajectory (s, r) uses noise stream {@code s * repeats + r}.
     */
    public double[][][] sample(double[][] driveA, int repeats, long seed, boolean noise) {
        int s = driveA.length;
        double[][] drive = new double[s * repeats][];
        long[] ids = new long[s * repeats];
        for (int i = 0; i < s; i++) {
            double[] u = new double[driveA[i].length];
            for (int t = 0; t < u.length; t++) {
                u[t] = normalisation.drive(driveA[i][t]);
            }
            for (int r = 0; r < repeats; r++) {
                drive[i * repeats + r] = u;
                ids[i * repeats + r] = (long) i * repeats + r;
            }
        }
        double[][] y = Rollout.simulate(model, drive, normalisation.modelStep(sampleIntervalS), seed, ids, noise);
        double[][][] out = new double[s][repeats][];
        for (int i = 0; i < s; i++) {
            for (int r = 0; r < repeats; r++) {
                double[] row = y[i * repeats + r];
                for (int t = 0; t < row.length; t++) {
                    row[t] = normalisation.powerW(row[t]);
                }
                out[i][r] = row;
            }
        }
        return out;
    }
}
