package io.spinloop.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SparseWeightsTest {
    private static final int IN = 7;
    private static final int OUT = 6;
    private static final int BATCH = 5;

    private static double[] mask(Random rng) {
        double[] m = new double[IN * OUT];
        for (int i = 0; i < m.length; i++) {
            m[i] = rng.nextDouble() < 0.55 ? 1.0 : 0.0;
        }
        return m;
    }

    private static double[][] featureMajor(double[] batchMajor, int rows, int features) {
        double[][] f = new double[features][rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < features; k++) {
                f[k][r] = batchMajor[r * features + k];
            }
        }
        return f;
    }

    @Test
    void productsMatchTheDenseMaskedProduct() {
        Random rng = new Random(2);
        double[] m = mask(rng);
        SparseWeights sw = SparseWeights.of(IN, OUT, m);
        double[] w = new double[IN * OUT];
        int kept = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextGaussian();
            kept += (int) m[i];
        }
        assertEquals(kept, sw.kept());
        double[] x = new double[BATCH * IN];
        double[] gy = new double[BATCH * OUT];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        for (int i = 0; i < gy.length; i++) {
            gy[i] = rng.nextGaussian();
        }
        double[] wm = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            wm[i] = w[i] * m[i];
        }
        double[] yRef = new double[BATCH * OUT];
        MatMulKernels.multiply(x, BATCH, IN, wm, OUT, yRef, false);
        double[] gxRef = new double[BATCH * IN];
        MatMulKernels.multiplyTransposedWeights(gy, BATCH, OUT, wm, IN, gxRef);
        double[] gwRef = new double[IN * OUT];
        MatMulKernels.multiplyTransposedInputs(x, BATCH, IN, gy, OUT, gwRef);

        double scale = 0.5;
        double[] packed = new double[sw.kept()];
        sw.gather(w, scale, packed);
        double[][] y = new double[OUT][BATCH];
        sw.multiplyAdd(packed, featureMajor(x, BATCH, IN), BATCH, y);
        double[][] gx = new double[IN][BATCH];
        sw.multiplyTransposedAdd(packed, featureMajor(gy, BATCH, OUT), BATCH, gx);
        double[] gPacked = new double[sw.kept()];
        sw.accumulateWeightGradient(featureMajor(x, BATCH, IN), featureMajor(gy, BATCH, OUT), BATCH, gPacked);
        double[] gw = new double[IN * OUT];
        sw.scatterAdd(gPacked, 1.0, gw);
        for (int r = 0; r < BATCH; r++) {
            for (int o = 0; o < OUT; o++) {
                assertEquals(scale * yRef[r * OUT + o], y[o][r], 1e-12);
            }
            for (int k = 0; k < IN; k++) {
                assertEquals(scale * gxRef[r * IN + k], gx[k][r], 1e-12);
            }
        }
        for (int i = 0; i < gw.length; i++) {
            // Masked entries receive exactly nothing.
            assertEquals(m[i] == 0 ? 0.0 : gwRef[i], gw[i], m[i] == 0 ? 0.0 : 1e-12, "entry " + i);
        }
    }

    /** The three kernels as one op y = x (W ∘ mask), checked against central differences in x and W. */
    @Test
    void kernelsAreTheGradientsOfTheProduct() {
        Random rng = new Random(3);
        double[] m = mask(rng);
        SparseWeights sw = SparseWeights.of(IN, OUT, m);
        double[] xd = new double[BATCH * IN];
        double[] wd = new double[IN * OUT];
        for (int i = 0; i < xd.length; i++) {
            xd[i] = rng.nextGaussian();
        }
        for (int i = 0; i < wd.length; i++) {
            wd[i] = rng.nextGaussian();
        }
        Tensor x = Tensor.variable(BATCH, IN, xd);
        Tensor w = Tensor.variable(IN, OUT, wd);
        GradientCheck.of(tape -> {
            double[] packed = new double[sw.kept()];
            sw.gather(w.data(), 1.0, packed);
            double[][] xf = featureMajor(x.data(), BATCH, IN);
            double[][] yf = new double[OUT][BATCH];
            sw.multiplyAdd(packed, xf, BATCH, yf);
            Tensor y = tape.newTensor(BATCH, OUT, x, w);
            for (int r = 0; r < BATCH; r++) {
                for (int o = 0; o < OUT; o++) {
                    y.data()[r * OUT + o] = yf[o][r];
                }
            }
            tape.record(y, () -> {
                double[][] gy = featureMajor(y.grad, BATCH, OUT);
                double[][] gx = new double[IN][BATCH];
                sw.multiplyTransposedAdd(packed, gy, BATCH, gx);
                double[] dx = tape.grad(x);
                for (int r = 0; r < BATCH; r++) {
                    for (int k = 0; k < IN; k++) {
                        dx[r * IN + k] += gx[k][r];
                    }
                }
                double[] gPacked = new double[sw.kept()];
                sw.accumulateWeightGradient(xf, gy, BATCH, gPacked);
                sw.scatterAdd(gPacked, 1.0, tape.grad(w));
            });
            // A non-linear read-out so that every output's gradient differs.
            return ReduceOps.sum(tape, ElementwiseOps.tanh(tape, y));
        }, List.of(x, w)).assertWithin(1e-7);
    }
}
