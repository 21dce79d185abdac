package io.spinloop.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float products of {@link SparseWeights}, both kernels, against the double ones on the same values: forward,
 * input gradient and weight gradient, for columns and rows of every length mod 8 and batches below, at and past one
 * and four vectors (the vector kernel's blocks and its scalar tail).
 */
class SparseWeightsFloatTest {

    @Test
    void bothFloatKernelsMatchTheDoubleProductsToFloatAccuracy() {
        for (FloatProductKernel kernel : List.of(new PlainFloatProducts(), new VectorFloatProducts())) {
            Random rng = new Random(3);
            int in = 13;
            int out = 11;
            for (int batch : new int[] {1, 5, 16, 37, 64, 77, 130}) {
                double[] mask = new double[in * out];
                for (int i = 0; i < mask.length; i++) {
                    mask[i] = rng.nextDouble() < 0.55 ? 1 : 0;
                }
                SparseWeights w = SparseWeights.of(in, out, mask);
                double[] dense = new double[in * out];
                for (int i = 0; i < dense.length; i++) {
                    dense[i] = (float) rng.nextGaussian();
                }
                double[] pd = new double[w.kept()];
                float[] pf = new float[w.kept()];
                w.gather(dense, 0.5, pd);
                w.gather(dense, 0.5, pf);
                double[][] xd = new double[in][batch];
                float[][] xf = new float[in][batch];
                double[][] gd = new double[out][batch];
                float[][] gf = new float[out][batch];
                fill(rng, xd, xf);
                fill(rng, gd, gf);
                String at = kernel.name() + ", batch " + batch;

                double[][] yd = new double[out][batch];
                float[][] yf = new float[out][batch];
                w.multiplyAdd(pd, xd, batch, yd);
                w.multiplyAdd(kernel, pf, xf, batch, yf);
                close(yd, yf, "forward, " + at);

                double[][] gxd = new double[in][batch];
                float[][] gxf = new float[in][batch];
                w.multiplyTransposedAdd(pd, gd, batch, gxd);
                w.multiplyTransposedAdd(kernel, pf, gf, batch, gxf);
                close(gxd, gxf, "input gradient, " + at);

                // Two steps summed into the same gradient.
                double[] gwd = new double[w.kept()];
                w.accumulateWeightGradient(xd, gd, batch, gwd);
                w.accumulateWeightGradient(gxd, yd, batch, gwd);
                double[] gwf = new double[w.kept()];
                w.accumulateWeightGradient(kernel, xf, gf, batch, gwf);
                w.accumulateWeightGradient(kernel, gxf, yf, batch, gwf);
                for (int p = 0; p < w.kept(); p++) {
                    assertEquals(gwd[p], gwf[p], 1e-4 * (1 + Math.abs(gwd[p])), "weight gradient " + p + ", " + at);
                }
            }
        }
    }

    @Test
    void theVectorKernelIsPickedOnlyWithTheModuleAndNotWhenRefused() {
        assertInstanceOf(PlainFloatProducts.class, FloatProductKernel.select(false, null));
        assertInstanceOf(PlainFloatProducts.class, FloatProductKernel.select(true, "false"));
        assertInstanceOf(VectorFloatProducts.class, FloatProductKernel.select(true, null));
        // The tests run with the module (the parent pom's argLine).
        assertEquals("vector", SparseWeights.floatKernel());
    }

    private static void fill(Random rng, double[][] d, float[][] f) {
        for (int k = 0; k < d.length; k++) {
            for (int r = 0; r < d[k].length; r++) {
                f[k][r] = (float) rng.nextGaussian();
                d[k][r] = f[k][r];
            }
        }
    }

    private static void close(double[][] d, float[][] f, String what) {
        for (int k = 0; k < d.length; k++) {
            for (int r = 0; r < d[k].length; r++) {
                assertEquals(d[k][r], f[k][r], 1e-5 * (1 + Math.abs(d[k][r])), what + " [" + k + "][" + r + "]");
            }
        }
    }
}
