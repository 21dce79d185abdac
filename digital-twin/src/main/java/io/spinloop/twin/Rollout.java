package io.spinloop.twin;

import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import java.util.SplittableRandom;

/**
 * Simulates a {@link DeviceModel} over drive sequences, without gradients: the sampling path of twins
 * (validation fans, {@code spinloop twin sample}, benchmarks).
 *
 * <p>Every trajectory draws its noise from its own stream, seeded by (seed, stream id), so a trajectory is
 * the same whatever batch it is simulated in and in whatever order.
 */
public final class Rollout {
    private static final int CHUNK = 512;

    private Rollout() {
    }

    /** The generator of trajectory {@code streamId} under {@code seed}. */
    public static SplittableRandom stream(long seed, long streamId) {
        // Two rounds of the SplitMix64 finaliser decorrelate neighbouring ids.
        long z = seed * 0x9E3779B97F4A7C15L + streamId;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /**
     * Observations (first component) of trajectories driven by {@code drive[b][t]} (single-input models),
     * row b using noise stream {@code streamIds[b]}; {@code noise=false} runs the deterministic step.
     */
    public static double[][] simulate(DeviceModel model, double[][] drive, double dt, long seed, long[] streamIds,
            boolean noise) {
        if (model.inputSize() != 1) {
            throw new IllegalArgumentException("simulate(double[][]) is for single-input models; "
                    + model.kind() + " takes " + model.inputSize() + " inputs");
        }
        int b = drive.length;
        if (streamIds.length != b) {
            throw new IllegalArgumentException("one stream id per trajectory: " + b + " drives, " + streamIds.length + " ids");
        }
        double[][] out = new double[b][];
        Tape tape = new Tape();
        for (int from = 0; from < b; from += CHUNK) {
            int to = Math.min(b, from + CHUNK);
            simulateChunk(model, drive, dt, seed, streamIds, noise, from, to, out, tape);
        }
        return out;
    }

    private static void simulateChunk(DeviceModel model, double[][] drive, double dt, long seed, long[] streamIds,
            boolean noise, int from, int to, double[][] out, Tape tape) {
        int n = to - from;
        int steps = drive[from].length;
        int k = model.noiseSize();
        SplittableRandom[] rng = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            if (drive[from + i].length != steps) {
                throw new IllegalArgumentException("drive sequences differ in length: " + steps + " and "
                        + drive[from + i].length + " (row " + (from + i) + ")");
            }
            rng[i] = stream(seed, streamIds[from + i]);
            out[from + i] = new double[steps];
        }
        double[] uData = new double[n];
        for (int i = 0; i < n; i++) {
            uData[i] = drive[from + i][0];
        }
        tape.reset();
        Tensor x = model.initialState(tape, Tensor.constant(n, 1, uData.clone())).copy();
        double[] xiData = new double[n * k];
        for (int t = 0; t < steps; t++) {
            tape.reset();
            for (int i = 0; i < n; i++) {
                uData[i] = drive[from + i][t];
            }
            Tensor u = Tensor.constant(n, 1, uData);
            Tensor xi = null;
            if (noise && k > 0) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < k; j++) {
                        xiData[i * k + j] = rng[i].nextGaussian();
                    }
                }
                xi = Tensor.constant(n, k, xiData);
            }
            Tensor next = model.step(tape, x, u, dt, xi);
            Tensor y = model.observe(tape, next, u);
            int oc = y.cols();
            for (int i = 0; i < n; i++) {
                out[from + i][t] = y.data()[i * oc];
            }
            x = next.copy();
        }
    }
}
