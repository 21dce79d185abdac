package io.spinloop.autodiff;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float products through the Vector API, register-blocked: an output row's lanes are held in four vectors while
 * every kept synapse of it is added with a fused multiply-add (one load of the input row and one broadcast weight per
 * synapse and vector, the output row loaded and stored once), where the plain kernel loads and stores the output row
 * once per four synapses and pays a loop set-up each time. The weight gradient keeps four synapses' partial sums in
 * vectors along the batch and sums each across its lanes in a fixed order (the same wherever the code runs, unlike
 * {@code reduceLanes}: see {@link VectorWeightGradient}). Lanes past the last whole vector are scalar code: the same
 * fused multiply-adds in the products, double sums in the weight gradient. Only loaded when
 * {@code jdk.incubator.vector} is in the boot layer ({@link FloatProductKernel#SELECTED}).
 */
final class VectorFloatProducts implements FloatProductKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Per thread: the weights of one input's synapses, gathered for the input gradient. */
    private static final ThreadLocal<float[]> WEIGHTS = ThreadLocal.withInitial(() -> new float[64]);

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void multiplyAdd(int outputs, int[] colStart, int[] colRow, float[] packed, float[][] x, int batch,
            float[][] y) {
        for (int o = 0; o < outputs; o++) {
            accumulateRow(packed, colStart[o], x, colRow, colStart[o], colStart[o + 1], batch, y[o]);
        }
    }

    @Override
    public void multiplyTransposedAdd(int inputs, int[] rowStart, int[] rowCol, int[] rowEntry, float[] packed,
            float[][] gy, int batch, float[][] gx) {
        float[] w = WEIGHTS.get();
        for (int k = 0; k < inputs; k++) {
            int from = rowStart[k];
            int m = rowStart[k + 1] - from;
            if (w.length < m) {
                w = new float[m];
                WEIGHTS.set(w);
            }
            for (int q = 0; q < m; q++) {
                w[q] = packed[rowEntry[from + q]];
            }
            accumulateRow(w, 0, gy, rowCol, from, from + m, batch, gx[k]);
        }
    }

    /**
     * {@code out[r] += Σ_q w[wFrom + q − from] · rows[index[q]][r]} for q in [from, to): fused multiply-adds in the
     * order of q for every lane. The weights come contiguous (the input gradient gathers its row's first), so that
     * this loop is the same code for both products (a branch here on which one, taken one way by the forward and the
     * other by the backward, made C2 recompile the method over and over, running it meanwhile in slow fallback code).
     */
    private static void accumulateRow(float[] w, int wFrom, float[][] rows, int[] index, int from, int to, int batch,
            float[] out) {
        int shift = wFrom - from;
        int r = 0;
        for (; r + 4 * L <= batch; r += 4 * L) {
            FloatVector a0 = FloatVector.fromArray(S, out, r);
            FloatVector a1 = FloatVector.fromArray(S, out, r + L);
            FloatVector a2 = FloatVector.fromArray(S, out, r + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, out, r + 3 * L);
            for (int q = from; q < to; q++) {
                FloatVector wq = FloatVector.broadcast(S, w[q + shift]);
                float[] in = rows[index[q]];
                a0 = FloatVector.fromArray(S, in, r).fma(wq, a0);
                a1 = FloatVector.fromArray(S, in, r + L).fma(wq, a1);
                a2 = FloatVector.fromArray(S, in, r + 2 * L).fma(wq, a2);
                a3 = FloatVector.fromArray(S, in, r + 3 * L).fma(wq, a3);
            }
            a0.intoArray(out, r);
            a1.intoArray(out, r + L);
            a2.intoArray(out, r + 2 * L);
            a3.intoArray(out, r + 3 * L);
        }
        for (; r + L <= batch; r += L) {
            FloatVector a = FloatVector.fromArray(S, out, r);
            for (int q = from; q < to; q++) {
                a = FloatVector.fromArray(S, rows[index[q]], r).fma(FloatVector.broadcast(S, w[q + shift]), a);
            }
            a.intoArray(out, r);
        }
        for (; r < batch; r++) {
            float a = out[r];
            for (int q = from; q < to; q++) {
                a = Math.fma(rows[index[q]][r], w[q + shift], a);
            }
            out[r] = a;
        }
    }

    @Override
    public void accumulateWeightGradient(int outputs, int[] colStart, int[] colRow, float[][] x, float[][] gy,
            int batch, double[] gPacked) {
        int upper = S.loopBound(batch);
        float[] lanes = new float[L];
        for (int o = 0; o < outputs; o++) {
            float[] g = gy[o];
            int p = colStart[o];
            int end = colStart[o + 1];
            for (; p + 3 < end; p += 4) {
                float[] a = x[colRow[p]];
                float[] b = x[colRow[p + 1]];
                float[] c = x[colRow[p + 2]];
                float[] d = x[colRow[p + 3]];
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = FloatVector.zero(S);
                FloatVector s2 = FloatVector.zero(S);
                FloatVector s3 = FloatVector.zero(S);
                int r = 0;
                for (; r < upper; r += L) {
                    FloatVector v = FloatVector.fromArray(S, g, r);
                    s0 = FloatVector.fromArray(S, a, r).fma(v, s0);
                    s1 = FloatVector.fromArray(S, b, r).fma(v, s1);
                    s2 = FloatVector.fromArray(S, c, r).fma(v, s2);
                    s3 = FloatVector.fromArray(S, d, r).fma(v, s3);
                }
                double t0 = sumLanes(s0, lanes);
                double t1 = sumLanes(s1, lanes);
                double t2 = sumLanes(s2, lanes);
                double t3 = sumLanes(s3, lanes);
                for (; r < batch; r++) {
                    double v = g[r];
                    t0 += a[r] * v;
                    t1 += b[r] * v;
                    t2 += c[r] * v;
                    t3 += d[r] * v;
                }
                gPacked[p] += t0;
                gPacked[p + 1] += t1;
                gPacked[p + 2] += t2;
                gPacked[p + 3] += t3;
            }
            for (; p < end; p++) {
                float[] a = x[colRow[p]];
                FloatVector s0 = FloatVector.zero(S);
                int r = 0;
                for (; r < upper; r += L) {
                    s0 = FloatVector.fromArray(S, a, r).fma(FloatVector.fromArray(S, g, r), s0);
                }
                double t0 = sumLanes(s0, lanes);
                for (; r < batch; r++) {
                    t0 += a[r] * (double) g[r];
                }
                gPacked[p] += t0;
            }
        }
    }

    /**
     * The lanes of {@code v} summed in a fixed order, the same wherever the code runs: four float chains over lanes
     * i mod 4, then ((a + b) + (c + d)). (Summed one lane after the other in double, as the double kernel does, the
     * sixteen lanes took twice as long as the multiply-adds.)
     */
    private static double sumLanes(FloatVector v, float[] lanes) {
        v.intoArray(lanes, 0);
        if (L < 4) {
            double t = 0;
            for (float lane : lanes) {
                t += lane;
            }
            return t;
        }
        float a = 0;
        float b = 0;
        float c = 0;
        float d = 0;
        for (int i = 0; i < L; i += 4) {
            a += lanes[i];
            b += lanes[i + 1];
            c += lanes[i + 2];
            d += lanes[i + 3];
        }
        return (a + b) + (c + d);
    }
}
