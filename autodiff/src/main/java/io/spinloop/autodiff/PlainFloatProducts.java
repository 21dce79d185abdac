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

    /**
     * Per thread: rows of the products' inputs and outputs, copied out of the flat arrays and back. C2 vectorizes
     * {@code y[r] += w·x[r]} over separate row arrays but not over ranges of flat ones (it cannot rule out that two
     * offsets into what may be one array overlap): over the flat rows the float32 epoch took 0.13 s against 0.088.
     */
    private static final ThreadLocal<float[][][]> ROWS = ThreadLocal.withInitial(() -> new float[2][0][0]);

    private static float[][] rows(int slot, int count, int lanes) {
        float[][][] held = ROWS.get();
        float[][] r = held[slot];
        if (r.length < count || (count > 0 && r[0].length < lanes)) {
            r = new float[Math.max(count, r.length)][Math.max(lanes, r.length > 0 ? r[0].length : 0)];
            held[slot] = r;
        }
        return r;
    }

    private static float[][] copyIn(int slot, int count, float[] flat, int off, int stride, int lanes) {
        float[][] r = rows(slot, count, lanes);
        for (int k = 0; k < count; k++) {
            System.arraycopy(flat, off + k * stride, r[k], 0, lanes);
        }
        return r;
    }

    private static void copyOut(float[][] r, int count, float[] flat, int off, int stride, int lanes) {
        for (int k = 0; k < count; k++) {
            System.arraycopy(r[k], 0, flat, off + k * stride, lanes);
        }
    }

    @Override
    public void multiplyAdd(int inputs, int outputs, int[] colStart, int[] colRow, float[] packed, float[] x,
            int xOff, int xStride, float[] y, int yOff, int yStride, int lanes) {
        float[][] xr = copyIn(0, inputs, x, xOff, xStride, lanes);
        float[][] yr = copyIn(1, outputs, y, yOff, yStride, lanes);
        for (int o = 0; o < outputs; o++) {
            float[] yo = yr[o];
            int p = colStart[o];
            int end = colStart[o + 1];
            for (; p + 3 < end; p += 4) {
                axpy4(packed[p], packed[p + 1], packed[p + 2], packed[p + 3], xr[colRow[p]], xr[colRow[p + 1]],
                        xr[colRow[p + 2]], xr[colRow[p + 3]], yo, lanes);
            }
            for (; p < end; p++) {
                axpy(packed[p], xr[colRow[p]], yo, lanes);
            }
        }
        copyOut(yr, outputs, y, yOff, yStride, lanes);
    }

    @Override
    public void multiplyTransposedAdd(int inputs, int outputs, int[] rowStart, int[] rowCol, int[] rowEntry,
            float[] packed, float[] gy, int gyOff, int gyStride, float[] gx, int gxOff, int gxStride, int lanes) {
        float[][] gyr = copyIn(0, outputs, gy, gyOff, gyStride, lanes);
        float[][] gxr = copyIn(1, inputs, gx, gxOff, gxStride, lanes);
        for (int k = 0; k < inputs; k++) {
            float[] xk = gxr[k];
            int q = rowStart[k];
            int end = rowStart[k + 1];
            for (; q + 3 < end; q += 4) {
                axpy4(packed[rowEntry[q]], packed[rowEntry[q + 1]], packed[rowEntry[q + 2]], packed[rowEntry[q + 3]],
                        gyr[rowCol[q]], gyr[rowCol[q + 1]], gyr[rowCol[q + 2]], gyr[rowCol[q + 3]], xk, lanes);
            }
            for (; q < end; q++) {
                axpy(packed[rowEntry[q]], gyr[rowCol[q]], xk, lanes);
            }
        }
        copyOut(gxr, inputs, gx, gxOff, gxStride, lanes);
    }

    /**
     * Eight synapses per pass over the lanes as independent float chains, added into double every {@link #BLOCK}
     * lanes (a float sum over a whole pass's 4,096 lanes would lose digits).
     */
    @Override
    public void accumulateWeightGradient(int outputs, int[] colStart, int[] colRow, float[] x, int xOff, int xStride,
            float[] g, int gOff, int gStride, int length, double[] gPacked) {
        for (int o = 0; o < outputs; o++) {
            int go = gOff + o * gStride;
            int p = colStart[o];
            int end = colStart[o + 1];
            for (; p + 7 < end; p += 8) {
                int a = xOff + colRow[p] * xStride;
                int b = xOff + colRow[p + 1] * xStride;
                int c = xOff + colRow[p + 2] * xStride;
                int d = xOff + colRow[p + 3] * xStride;
                int e = xOff + colRow[p + 4] * xStride;
                int f = xOff + colRow[p + 5] * xStride;
                int h = xOff + colRow[p + 6] * xStride;
                int i = xOff + colRow[p + 7] * xStride;
                for (int r0 = 0; r0 < length; r0 += BLOCK) {
                    int r1 = Math.min(length, r0 + BLOCK);
                    float s0 = 0;
                    float s1 = 0;
                    float s2 = 0;
                    float s3 = 0;
                    float s4 = 0;
                    float s5 = 0;
                    float s6 = 0;
                    float s7 = 0;
                    for (int r = r0; r < r1; r++) {
                        float v = g[go + r];
                        s0 += x[a + r] * v;
                        s1 += x[b + r] * v;
                        s2 += x[c + r] * v;
                        s3 += x[d + r] * v;
                        s4 += x[e + r] * v;
                        s5 += x[f + r] * v;
                        s6 += x[h + r] * v;
                        s7 += x[i + r] * v;
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
                int a = xOff + colRow[p] * xStride;
                for (int r0 = 0; r0 < length; r0 += BLOCK) {
                    int r1 = Math.min(length, r0 + BLOCK);
                    float s0 = 0;
                    float s1 = 0;
                    int r = r0;
                    for (; r + 1 < r1; r += 2) {
                        s0 += x[a + r] * g[go + r];
                        s1 += x[a + r + 1] * g[go + r + 1];
                    }
                    if (r < r1) {
                        s0 += x[a + r] * g[go + r];
                    }
                    gPacked[p] += (double) s0 + s1;
                }
            }
        }
    }

    /** Four float chains, added into double every {@link #BLOCK} lanes. */
    @Override
    public void sumRows(int count, float[] g, int gOff, int gStride, int length, double[] sums) {
        for (int o = 0; o < count; o++) {
            int row = gOff + o * gStride;
            for (int r0 = 0; r0 < length; r0 += BLOCK) {
                int r1 = Math.min(length, r0 + BLOCK);
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                int r = r0;
                for (; r + 3 < r1; r += 4) {
                    s0 += g[row + r];
                    s1 += g[row + r + 1];
                    s2 += g[row + r + 2];
                    s3 += g[row + r + 3];
                }
                for (; r < r1; r++) {
                    s0 += g[row + r];
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
