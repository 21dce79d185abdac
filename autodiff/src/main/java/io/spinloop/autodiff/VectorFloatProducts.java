package io.spinloop.autodiff;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float products through the Vector API, register-blocked: an output row's lanes are held in four vectors while
 * every kept synapse of it is added with a fused multiply-add (one load of the input row and one broadcast weight per
 * synapse and vector, the output row loaded and stored once), where the plain kernel loads and stores the output row
 * once per four synapses and pays a loop set-up each time. The weight gradient, made for long rows (a pass's steps one
 * after the other), keeps four synapses' partial sums in vectors along them and sums each across its lanes in a
 * fixed order (the same wherever the code runs, unlike {@code reduceLanes}: see {@link VectorWeightGradient}). Lanes
 * past the last whole vector are scalar code: the same fused multiply-adds in the products, double sums in the weight
 * gradient. Only loaded when
 * {@code jdk.incubator.vector} is in the boot layer ({@link FloatProductKernel#SELECTED}).
 */
final class VectorFloatProducts implements FloatProductKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lanes a vector sum runs over before its lanes are added into double (4,096-lane rows would lose digits). */
    private static final int BLOCK = 1024;
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

    /**
     * Four synapses per pass over the lanes, each summed in two vectors (eight independent chains of fused
     * multiply-adds, enough to keep both FMA units busy; the gradient row is loaded once for the four), the vectors'
     * lanes added into double every {@link #BLOCK} lanes in a fixed order.
     */
    @Override
    public void accumulateWeightGradient(int outputs, int[] colStart, int[] colRow, float[][] x, int xOffset,
            float[][] gy, int batch, double[] gPacked) {
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
                for (int r0 = 0; r0 < batch; r0 += BLOCK) {
                    int r1 = Math.min(batch, r0 + BLOCK);
                    FloatVector a0 = FloatVector.zero(S);
                    FloatVector a1 = FloatVector.zero(S);
                    FloatVector b0 = FloatVector.zero(S);
                    FloatVector b1 = FloatVector.zero(S);
                    FloatVector c0 = FloatVector.zero(S);
                    FloatVector c1 = FloatVector.zero(S);
                    FloatVector d0 = FloatVector.zero(S);
                    FloatVector d1 = FloatVector.zero(S);
                    int r = r0;
                    for (; r + 2 * L <= r1; r += 2 * L) {
                        int xr = xOffset + r;
                        FloatVector v = FloatVector.fromArray(S, g, r);
                        FloatVector w = FloatVector.fromArray(S, g, r + L);
                        a0 = FloatVector.fromArray(S, a, xr).fma(v, a0);
                        a1 = FloatVector.fromArray(S, a, xr + L).fma(w, a1);
                        b0 = FloatVector.fromArray(S, b, xr).fma(v, b0);
                        b1 = FloatVector.fromArray(S, b, xr + L).fma(w, b1);
                        c0 = FloatVector.fromArray(S, c, xr).fma(v, c0);
                        c1 = FloatVector.fromArray(S, c, xr + L).fma(w, c1);
                        d0 = FloatVector.fromArray(S, d, xr).fma(v, d0);
                        d1 = FloatVector.fromArray(S, d, xr + L).fma(w, d1);
                    }
                    for (; r + L <= r1; r += L) {
                        int xr = xOffset + r;
                        FloatVector v = FloatVector.fromArray(S, g, r);
                        a0 = FloatVector.fromArray(S, a, xr).fma(v, a0);
                        b0 = FloatVector.fromArray(S, b, xr).fma(v, b0);
                        c0 = FloatVector.fromArray(S, c, xr).fma(v, c0);
                        d0 = FloatVector.fromArray(S, d, xr).fma(v, d0);
                    }
                    double ta = sumLanes(a0.add(a1), lanes);
                    double tb = sumLanes(b0.add(b1), lanes);
                    double tc = sumLanes(c0.add(c1), lanes);
                    double td = sumLanes(d0.add(d1), lanes);
                    for (; r < r1; r++) {
                        double v = g[r];
                        int xr = xOffset + r;
                        ta += a[xr] * v;
                        tb += b[xr] * v;
                        tc += c[xr] * v;
                        td += d[xr] * v;
                    }
                    gPacked[p] += ta;
                    gPacked[p + 1] += tb;
                    gPacked[p + 2] += tc;
                    gPacked[p + 3] += td;
                }
            }
            for (; p < end; p++) {
                // The last synapses of a column one at a time, in four chains along the lanes: one chain waited on
                // each multiply-add and took as long as all the blocks of four.
                float[] a = x[colRow[p]];
                for (int r0 = 0; r0 < batch; r0 += BLOCK) {
                    int r1 = Math.min(batch, r0 + BLOCK);
                    FloatVector a0 = FloatVector.zero(S);
                    FloatVector a1 = FloatVector.zero(S);
                    FloatVector a2 = FloatVector.zero(S);
                    FloatVector a3 = FloatVector.zero(S);
                    int r = r0;
                    for (; r + 4 * L <= r1; r += 4 * L) {
                        int xr = xOffset + r;
                        a0 = FloatVector.fromArray(S, a, xr).fma(FloatVector.fromArray(S, g, r), a0);
                        a1 = FloatVector.fromArray(S, a, xr + L).fma(FloatVector.fromArray(S, g, r + L), a1);
                        a2 = FloatVector.fromArray(S, a, xr + 2 * L).fma(FloatVector.fromArray(S, g, r + 2 * L), a2);
                        a3 = FloatVector.fromArray(S, a, xr + 3 * L).fma(FloatVector.fromArray(S, g, r + 3 * L), a3);
                    }
                    for (; r + L <= r1; r += L) {
                        a0 = FloatVector.fromArray(S, a, xOffset + r).fma(FloatVector.fromArray(S, g, r), a0);
                    }
                    double t = sumLanes(a0.add(a1).add(a2.add(a3)), lanes);
                    for (; r < r1; r++) {
                        t += a[xOffset + r] * (double) g[r];
                    }
                    gPacked[p] += t;
                }
            }
        }
    }

    @Override
    public void sumRows(int count, float[][] rows, int length, double[] sums) {
        float[] lanes = new float[L];
        for (int o = 0; o < count; o++) {
            float[] row = rows[o];
            for (int r0 = 0; r0 < length; r0 += BLOCK) {
                int r1 = Math.min(length, r0 + BLOCK);
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = FloatVector.zero(S);
                int r = r0;
                for (; r + 2 * L <= r1; r += 2 * L) {
                    s0 = s0.add(FloatVector.fromArray(S, row, r));
                    s1 = s1.add(FloatVector.fromArray(S, row, r + L));
                }
                for (; r + L <= r1; r += L) {
                    s0 = s0.add(FloatVector.fromArray(S, row, r));
                }
                double t = sumLanes(s0.add(s1), lanes);
                for (; r < r1; r++) {
                    t += row[r];
                }
                sums[o] += t;
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
