package io.spinloop.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float products of {@link SparseWeights} against the double ones on the same values: forward, input gradient,
 * and the weight gradient kept per lane and summed at the end, for columns and rows of every length mod 4 and batches
 * that are not a multiple of any vector width.
 */
class SparseWeightsFloatTest {

    @Test
    void floatProductsMatchTheDoubleOnesToFloatAccuracy() {
        Random rng = new Random(3);
        int in = 13;
        int out = 11;
        for (int batch : new int[] {1, 5, 16, 37}) {
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

            double[][] yd = new double[out][batch];
            float[][] yf = new float[out][batch];
            w.multiplyAdd(pd, xd, batch, yd);
            w.multiplyAdd(pf, xf, batch, yf);
            close(yd, yf, "forward, batch " + batch);

            double[][] gxd = new double[in][batch];
            float[][] gxf = new float[in][batch];
            w.multiplyTransposedAdd(pd, gd, batch, gxd);
            w.multiplyTransposedAdd(pf, gf, batch, gxf);
            close(gxd, gxf, "input gradient, batch " + batch);

            // Two steps into the per-lane sums, then one reduction: the same as two plain weight gradients.
            double[] gwd = new double[w.kept()];
            w.accumulateWeightGradient(xd, gd, batch, gwd);
            w.accumulateWeightGradient(gxd, yd, batch, gwd);
            float[][] lanes = new float[w.kept()][batch];
            w.accumulateWeightGradientLanes(xf, gf, batch, lanes);
            w.accumulateWeightGradientLanes(gxf, yf, batch, lanes);
            double[] gwf = new double[w.kept()];
            w.addLaneSums(lanes, batch, gwf);
            for (int p = 0; p < w.kept(); p++) {
                assertEquals(gwd[p], gwf[p], 1e-4 * (1 + Math.abs(gwd[p])), "weight gradient " + p + ", batch " + batch);
            }
        }
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
