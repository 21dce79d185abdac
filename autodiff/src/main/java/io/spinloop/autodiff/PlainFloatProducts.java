package io.spinloop.autodiff;

/**
 * The float products in plain Java: four synapses per pass over the batch for the forward and input-gradient products
 * (loops C2 vectorizes), eight synapses per pass as independent float chains for the weight gradient (C2 never
 * vectorizes a floating-point sum, whose order it must keep), each added into double. The fallback when the Vector
 * API module is absent.
 */
final class PlainFloatProducts implements FloatProductKernel {
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

    @Override
    public void accumulateWeightGradient(int outputs, int[] colStart, int[] colRow, float[][] x, float[][] gy,
            int batch, double[] gPacked) {
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
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                float s4 = 0;
                float s5 = 0;
                float s6 = 0;
                float s7 = 0;
                for (int r = 0; r < batch; r++) {
                    float v = g[r];
                    s0 += a[r] * v;
                    s1 += b[r] * v;
                    s2 += c[r] * v;
                    s3 += d[r] * v;
                    s4 += e[r] * v;
                    s5 += f[r] * v;
                    s6 += h[r] * v;
                    s7 += i[r] * v;
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
            for (; p < end; p++) {
                float[] a = x[colRow[p]];
                float s0 = 0;
                float s1 = 0;
                int r = 0;
                for (; r + 1 < batch; r += 2) {
                    s0 += a[r] * g[r];
                    s1 += a[r + 1] * g[r + 1];
                }
                if (r < batch) {
                    s0 += a[r] * g[r];
                }
                gPacked[p] += (double) s0 + s1;
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
