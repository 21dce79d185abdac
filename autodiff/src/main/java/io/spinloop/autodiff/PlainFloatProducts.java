package io.spinloop.autodiff;

/**
 * The float products in plain Java: four synapses per pass over the batch for the forward and input-gradient products
 * (loops C2 vectorizes), eight synapses per pass as independent float chains for the weight gradient (C2 never
 * vectorizes a floating-point sum, whose order it must keep), added into double block by block. The fallback when
 * the Vector API module is absent.
 */
final class PlainFloatProducts implements FloatProductKernel {
    /** Lanes a float chain of a sum runs over before it is added into double. */
    static final int BLOCK = 256;

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public void multiplyAdd(int outputs, int[] colStart, int[] colRow, float[] packed, float[][] x, int batch,
            float[][] y) {
        for (int o = 0; o < outputs; o++) {
            float[] yo = y[o];
            int p = colStart[o];
            int end = colStart[o + 1];
            for (; p + 3 < end; p += 4) {
                axpy4(packed[p], packed[p + 1], packed[p + 2], packed[p + 3], x[colRow[p]], x[colRow[p + 1]],
                        x[colRow[p + 2]], x[colRow[p + 3]], yo, batch);
            }
            for (; p < end; p++) {
                axpy(packed[p], x[colRow[p]], yo, batch);
            }
        }
    }

    @Override
    public void multiplyTransposedAdd(int inputs, int[] rowStart, int[] rowCol, int[] rowEntry, float[] packed,
            float[][] gy, int batch, float[][] gx) {
        for (int k = 0; k < inputs; k++) {
            float[] xk = gx[k];
            int q = rowStart[k];
            int end = rowStart[k + 1];
            for (; q + 3 < end; q += 4) {
                axpy4(packed[rowEntry[q]], packed[rowEntry[q + 1]], packed[rowEntry[q + 2]], packed[rowEntry[q + 3]],
                        gy[rowCol[q]], gy[rowCol[q + 1]], gy[rowCol[q + 2]], gy[rowCol[q + 3]], xk, batch);
            }
            for (; q < end; q++) {
                axpy(packed[rowEntry[q]], gy[rowCol[q]], xk, batch);
            }
        }
    }

    /**
     * Eight synapses per pass over the batch as independent float chains, added into double every {@link #BLOCK}
     * lanes (a float sum over a whole pass's 4,096 lanes would lose digits).
     */
    @Override
    public void accumulateWeightGradient(int outputs, int[] colStart, int[] colRow, float[][] x, int xOffset,
            float[][] gy, int batch, double[] gPacked) {
        for (int o = 0; o < outputs; o++) {
            float[] g = gy[o];
            int p = colStart[o];
            int end = colStart[o + 1];
            for (; p + 7 < end; p += 8) {
                float[] a = x[colRow[p]];
                float[] b = x[colRow[p + 1]];
                float[] c = x[colRow[p + 2]];
                float[] d = x[colRow[p + 3]];
                float[] e = x[colRow[p + 4]];
                float[] f = x[colRow[p + 5]];
                float[] h = x[colRow[p + 6]];
                float[] i = x[colRow[p + 7]];
                for (int r0 = 0; r0 < batch; r0 += BLOCK) {
                    int r1 = Math.min(batch, r0 + BLOCK);
                    float s0 = 0;
                    float s1 = 0;
                    float s2 = 0;
                    float s3 = 0;
                    float s4 = 0;
                    float s5 = 0;
                    float s6 = 0;
                    float s7 = 0;
                    for (int r = r0; r < r1; r++) {
                        float v = g[r];
                        int xr = xOffset + r;
                        s0 += a[xr] * v;
                        s1 += b[xr] * v;
                        s2 += c[xr] * v;
                        s3 += d[xr] * v;
                        s4 += e[xr] * v;
                        s5 += f[xr] * v;
                        s6 += h[xr] * v;
                        s7 += i[xr] * v;
                    }
                    gPacked[p] += s0;
                    gPacked[p + 1] += s1;
                    gPacked[p + 2] += s2;
                    gPacked[p + 3] += s3;
                    gPacked[p + 4] += s4;
                    gPacked[p + 5] += s5;
                    gPacked[p + 6] += s6;
                    gPacked[p + 7] += s7;
                }
            }
            for (; p < end; p++) {
                float[] a = x[colRow[p]];
                for (int r0 = 0; r0 < batch; r0 += BLOCK) {
                    int r1 = Math.min(batch, r0 + BLOCK);
                    float s0 = 0;
                    float s1 = 0;
                    int r = r0;
                    for (; r + 1 < r1; r += 2) {
                        s0 += a[xOffset + r] * g[r];
                        s1 += a[xOffset + r + 1] * g[r + 1];
                    }
                    if (r < r1) {
                        s0 += a[xOffset + r] * g[r];
                    }
                    gPacked[p] += (double) s0 + s1;
                }
            }
        }
    }

    /** Four float chains, added into double every {@link #BLOCK} lanes. */
    @Override
    public void sumRows(int count, float[][] rows, int length, double[] sums) {
        for (int o = 0; o < count; o++) {
            float[] row = rows[o];
            for (int r0 = 0; r0 < length; r0 += BLOCK) {
                int r1 = Math.min(length, r0 + BLOCK);
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                int r = r0;
                for (; r + 3 < r1; r += 4) {
                    s0 += row[r];
                    s1 += row[r + 1];
                    s2 += row[r + 2];
                    s3 += row[r + 3];
                }
                for (; r < r1; r++) {
                    s0 += row[r];
                }
                sums[o] += ((double) s0 + s1) + ((double) s2 + s3);
            }
        }
    }

    // All accesses at the same index r: only then does the JIT vectorize.
    private static void axpy(float w, float[] x, float[] y, int n) {
        for (int r = 0; r < n; r++) {
            y[r] += w * x[r];
        }
    }

    private static void axpy4(float w0, float w1, float w2, float w3, float[] x0, float[] x1, float[] x2,
            float[] x3, float[] y, int n) {
        for (int r = 0; r < n; r++) {
            y[r] += w0 * x0[r] + w1 * x1[r] + w2 * x2[r] + w3 * x3[r];
        }
    }
}
