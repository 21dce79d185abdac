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
    public void multiplyAdd(int inputs, int outputs, int[] colStart, int[] colRow, float[] packed, float[] x,
            int xOff, int xStride, float[] y, int yOff, int yStride, int lanes) {
        for (int o = 0; o < outputs; o++) {
            accumulateRow(packed, colStart[o], x, xOff, xStride, colRow, colStart[o], colStart[o + 1], lanes, y,
                    yOff + o * yStride);
        }
    }

    @Override
    public void multiplyTransposedAdd(int inputs, int outputs, int[] rowStart, int[] rowCol, int[] rowEntry,
            float[] packed, float[] gy, int gyOff, int gyStride, float[] gx, int gxOff, int gxStride, int lanes) {
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
            accumulateRow(w, 0, gy, gyOff, gyStride, rowCol, from, from + m, lanes, gx, gxOff + k * gxStride);
        }
    }

    /**
     * {@code out[at + r] += Σ_q w[wFrom + q − from] · x[xOff + index[q]·xStride + r]} for q in [from, to): fused
     * multiply-adds in the order of q for every lane. The weights come contiguous (the input gradient gathers its
     * row's first), so that this loop is the same code for both products (a branch here on which one, taken one way
     * by the forward and the other by the backward, made C2 recompile the method over and over, running it meanwhile
     * in slow fallback code).
     */
    private static void accumulateRow(float[] w, int wFrom, float[] x, int xOff, int xStride, int[] index, int from,
            int to, int lanes, float[] out, int at) {
        int shift = wFrom - from;
        int r = 0;
        for (; r + 4 * L <= lanes; r += 4 * L) {
            int o = at + r;
            FloatVector a0 = FloatVector.fromArray(S, out, o);
            FloatVector a1 = FloatVector.fromArray(S, out, o + L);
            FloatVector a2 = FloatVector.fromArray(S, out, o + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, out, o + 3 * L);
            int xr = xOff + r;
            for (int q = from; q < to; q++) {
                FloatVector wq = FloatVector.broadcast(S, w[q + shift]);
                int i = xr + index[q] * xStride;
                a0 = FloatVector.fromArray(S, x, i).fma(wq, a0);
                a1 = FloatVector.fromArray(S, x, i + L).fma(wq, a1);
                a2 = FloatVector.fromArray(S, x, i + 2 * L).fma(wq, a2);
                a3 = FloatVector.fromArray(S, x, i + 3 * L).fma(wq, a3);
            }
            a0.intoArray(out, o);
            a1.intoArray(out, o + L);
            a2.intoArray(out, o + 2 * L);
            a3.intoArray(out, o + 3 * L);
        }
        for (; r + L <= lanes; r += L) {
            FloatVector a = FloatVector.fromArray(S, out, at + r);
            for (int q = from; q < to; q++) {
                a = FloatVector.fromArray(S, x, xOff + index[q] * xStride + r)
                        .fma(FloatVector.broadcast(S, w[q + shift]), a);
            }
            a.intoArray(out, at + r);
        }
        for (; r < lanes; r++) {
            float a = out[at + r];
            for (int q = from; q < to; q++) {
                a = Math.fma(x[xOff + index[q] * xStride + r], w[q + shift], a);
            }
            out[at + r] = a;
        }
    }

    /**
     * Four synapses per pass over the lanes, each summed in two vectors (eight independent chains of fused
     * multiply-adds, enough to keep both FMA units busy; the gradient row is loaded once for the four), the vectors'
     * lanes added into double every {@link #BLOCK} lanes in a fixed order.
     */
    @Override
    public void accumulateWeightGradient(int outputs, int[] colStart, int[] colRow, float[] x, int xOff, int xStride,
            float[] g, int gOff, int gStride, int length, double[] gPacked) {
        float[] lanes = new float[L];
        for (int o = 0; o < outputs; o++) {
            int go = gOff + o * gStride;
            int p = colStart[o];
            int end = colStart[o + 1];
            for (; p + 3 < end; p += 4) {
                int a = xOff + colRow[p] * xStride;
                int b = xOff + colRow[p + 1] * xStride;
                int c = xOff + colRow[p + 2] * xStride;
                int d = xOff + colRow[p + 3] * xStride;
                for (int r0 = 0; r0 < length; r0 += BLOCK) {
                    int r1 = Math.min(length, r0 + BLOCK);
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
                        FloatVector v = FloatVector.fromArray(S, g, go + r);
                        FloatVector w = FloatVector.fromArray(S, g, go + r + L);
                        a0 = FloatVector.fromArray(S, x, a + r).fma(v, a0);
                        a1 = FloatVector.fromArray(S, x, a + r + L).fma(w, a1);
                        b0 = FloatVector.fromArray(S, x, b + r).fma(v, b0);
                        b1 = FloatVector.fromArray(S, x, b + r + L).fma(w, b1);
                        c0 = FloatVector.fromArray(S, x, c + r).fma(v, c0);
                        c1 = FloatVector.fromArray(S, x, c + r + L).fma(w, c1);
                        d0 = FloatVector.fromArray(S, x, d + r).fma(v, d0);
                        d1 = FloatVector.fromArray(S, x, d + r + L).fma(w, d1);
                    }
                    for (; r + L <= r1; r += L) {
                        FloatVector v = FloatVector.fromArray(S, g, go + r);
                        a0 = FloatVector.fromArray(S, x, a + r).fma(v, a0);
                        b0 = FloatVector.fromArray(S, x, b + r).fma(v, b0);
                        c0 = FloatVector.fromArray(S, x, c + r).fma(v, c0);
                        d0 = FloatVector.fromArray(S, x, d + r).fma(v, d0);
                    }
                    double ta = sumLanes(a0.add(a1), lanes);
                    double tb = sumLanes(b0.add(b1), lanes);
                    double tc = sumLanes(c0.add(c1), lanes);
                    double td = sumLanes(d0.add(d1), lanes);
                    for (; r < r1; r++) {
                        double v = g[go + r];
                        ta += x[a + r] * v;
                        tb += x[b + r] * v;
                        tc += x[c + r] * v;
                        td += x[d + r] * v;
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
                int a = xOff + colRow[p] * xStride;
                for (int r0 = 0; r0 < length; r0 += BLOCK) {
                    int r1 = Math.min(length, r0 + BLOCK);
                    FloatVector a0 = FloatVector.zero(S);
                    FloatVector a1 = FloatVector.zero(S);
                    FloatVector a2 = FloatVector.zero(S);
                    FloatVector a3 = FloatVector.zero(S);
                    int r = r0;
                    for (; r + 4 * L <= r1; r += 4 * L) {
                        a0 = FloatVector.fromArray(S, x, a + r).fma(FloatVector.fromArray(S, g, go + r), a0);
                        a1 = FloatVector.fromArray(S, x, a + r + L).fma(FloatVector.fromArray(S, g, go + r + L), a1);
                        a2 = FloatVector.fromArray(S, x, a + r + 2 * L)
                                .fma(FloatVector.fromArray(S, g, go + r + 2 * L), a2);
                        a3 = FloatVector.fromArray(S, x, a + r + 3 * L)
                                .fma(FloatVector.fromArray(S, g, go + r + 3 * L), a3);
                    }
                    for (; r + L <= r1; r += L) {
                        a0 = FloatVector.fromArray(S, x, a + r).fma(FloatVector.fromArray(S, g, go + r), a0);
                    }
                    double t = sumLanes(a0.add(a1).add(a2.add(a3)), lanes);
                    for (; r < r1; r++) {
                        t += x[a + r] * (double) g[go + r];
                    }
                    gPacked[p] += t;
                }
            }
        }
    }

    @Override
    public void sumRows(int count, float[] g, int gOff, int gStride, int length, double[] sums) {
        float[] lanes = new float[L];
        for (int o = 0; o < count; o++) {
            int row = gOff + o * gStride;
            for (int r0 = 0; r0 < length; r0 += BLOCK) {
                int r1 = Math.min(length, r0 + BLOCK);
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = FloatVector.zero(S);
                int r = r0;
                for (; r + 2 * L <= r1; r += 2 * L) {
                    s0 = s0.add(FloatVector.fromArray(S, g, row + r));
                    s1 = s1.add(FloatVector.fromArray(S, g, row + r + L));
                }
                for (; r + L <= r1; r += L) {
                    s0 = s0.add(FloatVector.fromArray(S, g, row + r));
                }
                double t = sumLanes(s0.add(s1), lanes);
                for (; r < r1; r++) {
                    t += g[row + r];
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
