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
        int chunks = (b + CHUNK - 1) / CHUNK;
        int threads = Math.min(chunks, Math.max(1, Runtime.getRuntime().availableProcessors()));
        if (threads <= 1 || model.stepper() == null) {
            Tape tape = new Tape();
            for (int from = 0; from < b; from += CHUNK) {
                simulateChunk(model, drive, dt, seed, streamIds, noise, from, Math.min(b, from + CHUNK), out, tape);
            }
            return out;
        }
        // Tape-free steppers only read the parameters, so chunks can run side by side; each trajectory keeps its
        // own noise stream, so the result does not depend on the thread count.
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] workers = new Thread[threads];
        RuntimeException[] failure = new RuntimeException[1];
        for (int w = 0; w < threads; w++) {
            workers[w] = new Thread(() -> {
                try {
                    for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                        simulateChunk(model, drive, dt, seed, streamIds, noise, c * CHUNK, Math.min(b, (c + 1) * CHUNK),
                                out, null);
                    }
                } catch (RuntimeException e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "twin-rollout");
            workers[w].start();
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("sampling interrupted", e);
            }
        }
        if (failure[0] != null) {
            throw failure[0];
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
        SampleStepper fast = model.stepper();
        if (fast != null) {
            simulateFast(model, fast, drive, dt, rng, noise, from, n, out, uData);
            return;
        }
        if (tape == null) {
            tape = new Tape();
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

    private static void simulateFast(DeviceModel model, SampleStepper fast, double[][] drive, double dt,
            SplittableRandom[] rng, boolean noise, int from, int n, double[][] out, double[] uData) {
        int steps = drive[from].length;
        int k = model.noiseSize();
        Tape init = new Tape();
        double[] x = model.initialState(init, Tensor.constant(n, 1, uData.clone())).data().clone();
        double[] next = new double[x.length];
        double[] xi = noise && k > 0 ? new double[n * k] : null;
        double[] y = new double[n];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                uData[i] = drive[from + i][t];
            }
            if (xi != null) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < k; j++) {
                        xi[i * k + j] = rng[i].nextGaussian();
                    }
                }
            }
            fast.step(x, uData, dt, xi, next, n);
            fast.observe(next, uData, y, n);
            for (int i = 0; i < n; i++) {
                out[from + i][t] = y[i];
            }
            double[] tmp = x;
            x = next;
            next = tmp;
        }
    }
}
