package io.spinloop.autodiff;

/**
 * The weight-gradient sums in plain Java: eight sums per pass over the batch sharing the loads of the
 * output gradient, as independent chains (C2 does not vectorize a floating-point sum, whose order it must keep;
 * eight chains hide the add latency). The fallback when the Vector API module is absent.
 */
final class ScalarWeightGradient implements WeightGradientKernel {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void accumulate(int outputs, int[] colStart, int[] colRow, double[][] x, double[][] gy, int batch,
            double[] gPacked) {
        for (int o = 0; o < outputs; o++) {
            double[] g = gy[o];
            int p = colStart[o];
            int end = colStart[o + 1];
            // Eight sums per pass share the loads of gy and run as independent chains (the JIT does not
            // vectorize a floating-point sum, whose order it must keep; eight chains hide the add latency).
            for (; p + 7 < end; p += 8) {
                double[] a = x[colRow[p]];
                double[] b = x[colRow[p + 1]];
                double[] c = x[colRow[p + 2]];
                double[] d = x[colRow[p + 3]];
                double[] e = x[colRow[p + 4]];
                double[] f = x[colRow[p + 5]];
                double[] h = x[colRow[p + 6]];
                double[] i = x[colRow[p + 7]];
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                double s4 = 0;
                double s5 = 0;
                double s6 = 0;
                double s7 = 0;
                for (int r = 0; r < batch; r++) {
                    double v = g[r];
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
            for (; p + 3 < end; p += 4) {
                double[] a = x[colRow[p]];
                double[] b = x[colRow[p + 1]];
                double[] c = x[colRow[p + 2]];
                double[] d = x[colRow[p + 3]];
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int r = 0; r < batch; r++) {
                    double v = g[r];
                    s0 += a[r] * v;
                    s1 += b[r] * v;
                    s2 += c[r] * v;
                    s3 += d[r] * v;
                }
                gPacked[p] += s0;
                gPacked[p + 1] += s1;
                gPacked[p + 2] += s2;
                gPacked[p + 3] += s3;
            }
            for (; p < end; p++) {
                gPacked[p] += SparseWeights.dot(x[colRow[p]], g, batch);
            }
        }
    }
}
