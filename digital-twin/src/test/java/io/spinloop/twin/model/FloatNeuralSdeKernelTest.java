package io.spinloop.twin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The float32 likelihood kernel against the double one (which NeuralSdeTest holds to the tape). */
class FloatNeuralSdeKernelTest {

    /** Normalised transitions as the fit sees them: O(1) powers, small noisy increments; rows in shuffled order. */
    private record Rows(double[] prev, double[] drive, double[] history, double[] next, int[] order) {
        static Rows of(int n, int hist, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            double[] prev = new double[n];
            double[] drive = new double[n];
            double[] history = hist == 0 ? null : new double[n * hist];
            double[] next = new double[n];
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                prev[i] = rng.nextGaussian();
                drive[i] = rng.nextDouble(-1.7, 1.7);
                for (int q = 0; q < hist; q++) {
                    history[i * hist + q] = rng.nextDouble(-1.7, 1.7);
                }
                next[i] = prev[i] + 0.3 * (drive[i] - prev[i]) * 0.2 + 0.05 * rng.nextGaussian();
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            return new Rows(prev, drive, history, next, order);
        }
    }

    private static void assertMatchesDouble(NeuralSde sde, Rows r, int from, int to, double dt) {
        NeuralSdeKernel d = new NeuralSdeKernel(sde);
        FloatNeuralSdeKernel f = new FloatNeuralSdeKernel(sde);
        double w = 1.0 / (to - from);
        double ld = d.transitionLoss(r.prev, r.drive, r.history, r.next, r.order, from, to, dt, w, true);
        double lf = f.transitionLoss(r.prev, r.drive, r.history, r.next, r.order, from, to, dt, w, true);
        // Float rounding of the activations and residuals (a few 1e-7 each), averaged over the rows.
        assertEquals(ld, lf, 2e-5 * Math.max(1, Math.abs(ld)), "loss");
        double[][] gd = d.gradients();
        double[][] gf = f.gradients();
        for (int t = 0; t < gd.length; t++) {
            double scale = 0;
            for (double v : gd[t]) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int e = 0; e < gd[t].length; e++) {
                // Relative to the tensor's largest entry: float sums of a few hundred rows' terms of both signs.
                assertEquals(gd[t][e], gf[t][e], 1e-4 * scale + 1e-9, "tensor " + t + "[" + e + "]");
            }
        }
        double lossOnly = f.transitionLoss(r.prev, r.drive, r.history, r.next, r.order, from, to, dt, w, false);
        assertEquals(lf, lossOnly, 0.0, "the loss without the gradient is the same sum");
    }

    @Test
    void lossAndGradientMatchTheDoubleKernelOverSeveralBlocks() {
        for (boolean diffusion : new boolean[] {true, false}) {
            NeuralSde sde = new NeuralSde(NeuralSdeArchitecture.standard(), 5);
            if (!diffusion) {
                sde = new NeuralSde(NeuralSdeArchitecture.standard().withoutDiffusion(), 5);
            }
            // 700 rows: two full blocks of 256 and a part block, from a shuffled index as in the fit.
            assertMatchesDouble(sde, Rows.of(1000, 0, 3), 100, 800, 0.2);
        }
    }

    @Test
    void lossAndGradientMatchTheDoubleKernelWithDriveHistory() {
        for (boolean diffusion : new boolean[] {true, false}) {
            NeuralSdeArchitecture a = NeuralSdeArchitecture.standard().withDriveHistory(2);
            NeuralSde sde = new NeuralSde(diffusion ? a : a.withoutDiffusion(), 8);
            assertMatchesDouble(sde, Rows.of(600, 2, 4), 0, 600, 0.2);
        }
    }

    @Test
    void gradientsAccumulateUntilZeroedAndTheHistoryIsRequired() {
        NeuralSde sde = new NeuralSde(NeuralSdeArchitecture.standard(), 5);
        Rows r = Rows.of(300, 0, 6);
        FloatNeuralSdeKernel f = new FloatNeuralSdeKernel(sde);
        f.transitionLoss(r.prev, r.drive, null, r.next, null, 0, 300, 0.2, 1.0, true);
        double once = f.gradients()[0][0];
        f.transitionLoss(r.prev, r.drive, null, r.next, null, 0, 300, 0.2, 1.0, true);
        assertEquals(2 * once, f.gradients()[0][0], 1e-12 * Math.abs(once));
        f.zeroGrad();
        assertEquals(0.0, f.gradients()[0][0], 0.0);
        assertTrue(once != 0);
        FloatNeuralSdeKernel h = new FloatNeuralSdeKernel(new NeuralSde(NeuralSdeArchitecture.standard().withDriveHistory(1), 5));
        assertThrows(IllegalArgumentException.class,
                () -> h.transitionLoss(r.prev, r.drive, null, r.next, null, 0, 300, 0.2, 1.0, true));
    }

    @Test
    void thePrecisionSettingPicksTheKernel() {
        NeuralSde sde = new NeuralSde(NeuralSdeArchitecture.standard(), 5);
        assertInstanceOf(NeuralSdeKernel.class, KernelPrecision.FLOAT64.kernel(sde));
        assertInstanceOf(FloatNeuralSdeKernel.class, KernelPrecision.FLOAT32.kernel(sde));
    }
}
