package io.spinloop.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float products of {@link SparseWeights}, both kernels, against the double ones on the same values: forward,
 * input gradient and weight gradient, for columns and rows of every length mod 8 and batches below, at and past one
 * and four vectors (the vector kernel's blocks and its scalar tail). The float rows are ranges of flat arrays, at an
 * offset and with gaps between them that no kernel may touch.
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

                Flat x = Flat.of(xf, 5, 7);
                Flat g = Flat.of(gf, 3, 2);

                double[][] yd = new double[out][batch];
                Flat y = Flat.of(new float[out][batch], 9, 4);
                w.multiplyAdd(pd, xd, batch, yd);
                w.multiplyAdd(kernel, pf, x.data, x.offset, x.stride, y.data, y.offset, y.stride, batch);
                close(yd, y.rows(), "forward, " + at);
                y.assertGapsUntouched("forward, " + at);
                x.assertGapsUntouched("forward input, " + at);

                double[][] gxd = new double[in][batch];
                Flat gx = Flat.of(new float[in][batch], 1, 6);
                w.multiplyTransposedAdd(pd, gd, batch, gxd);
                w.multiplyTransposedAdd(kernel, pf, g.data, g.offset, g.stride, gx.data, gx.offset, gx.stride, batch);
                close(gxd, gx.rows(), "input gradient, " + at);
                gx.assertGapsUntouched("input gradient, " + at);

                // Two steps summed into the same gradient.
                double[] gwd = new double[w.kept()];
                w.accumulateWeightGradient(xd, gd, batch, gwd);
                w.accumulateWeightGradient(gxd, yd, batch, gwd);
                double[] gwf = new double[w.kept()];
                w.accumulateWeightGradient(kernel, x.data, x.offset, x.stride, g.data, g.offset, g.stride, batch, gwf);
                w.accumulateWeightGradient(kernel, gx.data, gx.offset, gx.stride, y.data, y.offset, y.stride, batch,
                        gwf);
                for (int p = 0; p < w.kept(); p++) {
                    assertEquals(gwd[p], gwf[p], 1e-4 * (1 + Math.abs(gwd[p])), "weight gradient " + p + ", " + at);
                }
            }
        }
    }

    /**
     * A whole pass's rows (64 steps of 64 lanes and a ragged end): the weight gradient and the row sums stay within
     * float accuracy of the double sums, relative to the sum of the terms' magnitudes (they are added into double
     * block by block, not in one float chain).
     */
    @Test
    void longRowsAreSummedToFloatAccuracyByBothKernels() {
        for (FloatProductKernel kernel : List.of(new PlainFloatProducts(), new VectorFloatProducts())) {
            Random rng = new Random(11);
            int in = 9;
            int out = 7;
            int batch = 64 * 64 + 37;
            double[] mask = new double[in * out];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = rng.nextDouble() < 0.6 ? 1 : 0;
            }
            SparseWeights w = SparseWeights.of(in, out, mask);
            float[][] xf = new float[in][batch + 64];
            float[][] gf = new float[out][batch];
            double[][] xd = new double[in][batch + 64];
            double[][] gd = new double[out][batch];
            fill(rng, xd, xf);
            fill(rng, gd, gf);
            // The inputs' rows start a step (64 lanes) earlier than the gradient's: the offset pairs them.
            Flat x = Flat.of(xf, 16, 0);
            Flat g = Flat.of(gf, 0, 16);
            double[] got = new double[w.kept()];
            w.accumulateWeightGradient(kernel, x.data, x.offset + 64, x.stride, g.data, g.offset, g.stride, batch,
                    got);
            // The same sums in double, and of the terms' magnitudes, through the double kernel on unshifted rows.
            double[][] xAt = new double[in][];
            double[][] xAbs = new double[in][];
            double[][] gAbs = new double[out][];
            for (int k = 0; k < in; k++) {
                xAt[k] = java.util.Arrays.copyOfRange(xd[k], 64, 64 + batch);
                xAbs[k] = java.util.Arrays.stream(xAt[k]).map(Math::abs).toArray();
            }
            for (int o = 0; o < out; o++) {
                gAbs[o] = java.util.Arrays.stream(gd[o]).map(Math::abs).toArray();
            }
            double[] exact = new double[w.kept()];
            double[] scale = new double[w.kept()];
            w.accumulateWeightGradient(xAt, gd, batch, exact);
            w.accumulateWeightGradient(xAbs, gAbs, batch, scale);
            for (int p = 0; p < w.kept(); p++) {
                assertEquals(exact[p], got[p], 1e-6 * scale[p], kernel.name() + ": weight gradient " + p);
            }
            double[] sums = new double[out];
            kernel.sumRows(out, g.data, g.offset, g.stride, batch, sums);
            for (int o = 0; o < out; o++) {
                double sum = 0;
                double magnitude = 0;
                for (int r = 0; r < batch; r++) {
                    sum += gd[o][r];
                    magnitude += Math.abs(gd[o][r]);
                }
                assertEquals(sum, sums[o], 1e-6 * magnitude, kernel.name() + ": row sum " + o);
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

    /**
     * Rows laid out in one flat array from {@code offset} on, {@code gap} floats between them; every float outside
     * the rows holds a marker that a kernel writing out of its rows would change.
     */
    private record Flat(float[] data, int offset, int stride, int length) {
        static final float MARK = 12345.5f;

        static Flat of(float[][] rows, int offset, int gap) {
            int length = rows[0].length;
            int stride = length + gap;
            float[] data = new float[offset + rows.length * stride + 3];
            java.util.Arrays.fill(data, MARK);
            for (int k = 0; k < rows.length; k++) {
                System.arraycopy(rows[k], 0, data, offset + k * stride, length);
            }
            return new Flat(data, offset, stride, length);
        }

        float[][] rows() {
            int count = (data.length - 3 - offset) / stride;
            float[][] rows = new float[count][];
            for (int k = 0; k < count; k++) {
                rows[k] = java.util.Arrays.copyOfRange(data, offset + k * stride, offset + k * stride + length);
            }
            return rows;
        }

        void assertGapsUntouched(String what) {
            for (int i = 0; i < data.length; i++) {
                int inRow = (i - offset) % stride;
                boolean row = i >= offset && i < data.length - 3 && inRow < length;
                if (!row) {
                    assertEquals(MARK, data[i], what + ": written outside the rows at " + i);
                }
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
