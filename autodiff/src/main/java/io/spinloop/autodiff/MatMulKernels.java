package io.spinloop.autodiff;

/**
 * Plain-loop matrix products over row-major (batch-major) arrays, in the loop orders the JIT
 * vectorizes: the innermost loop always runs along a contiguous output row. These are the kernels of
 * {@link MatrixOps} and of fused cells written in other modules.
 *
 * <p>Shapes: x is rows x inner, w is inner x out, y is rows x out (y = x w, "inputs times weights").
 */
public final class MatMulKernels {
    private MatMulKernels() {
    }

    /** y (+)= x w; y is overwritten unless {@code accumulate}. */
    public static void multiply(double[] x, int rows, int inner, double[] w, int out, double[] y, boolean accumulate) {
        for (int r = 0; r < rows; r++) {
            int yo = r * out;
            if (!accumulate) {
                for (int o = 0; o < out; o++) {
                    y[yo + o] = 0.0;
                }
            }
            int xo = r * inner;
            for (int k = 0; k < inner; k++) {
                double xv = x[xo + k];
                if (xv == 0.0) {
                    continue;
                }
                int wo = k * out;
                for (int o = 0; o < out; o++) {
                    y[yo + o] += xv * w[wo + o];
                }
            }
        }
    }

    /** Per-thread scratch for the transposed weights of {@link #multiplyTransposedWeights}. */
    private static final ThreadLocal<double[]> TRANSPOSE = ThreadLocal.withInitial(() -> new double[0]);

    /**
     * dx += dy w^T, with dy rows x out and w inner x out: the input gradient of {@link #multiply}. The
     * weights are transposed into a scratch buffer first, so that the inner loop is an axpy along a
     * contiguous row (which the JIT vectorizes) instead of a dot product (which it does not).
     */
    public static void multiplyTransposedWeights(double[] dy, int rows, int out, double[] w, int inner, double[] dx) {
        double[] wt = TRANSPOSE.get();
        if (wt.length < inner * out) {
            wt = new double[inner * out];
            TRANSPOSE.set(wt);
        }
        for (int k = 0; k < inner; k++) {
            for (int o = 0; o < out; o++) {
                wt[o * inner + k] = w[k * out + o];
            }
        }
        for (int r = 0; r < rows; r++) {
            int dyo = r * out;
            int dxo = r * inner;
            for (int o = 0; o < out; o++) {
                double g = dy[dyo + o];
                if (g == 0.0) {
                    continue;
                }
                int wo = o * inner;
                for (int k = 0; k < inner; k++) {
                    dx[dxo + k] += g * wt[wo + k];
                }
            }
        }
    }

    /** dw += x^T dy, with x rows x inner and dy rows x out: the weight gradient of {@link #multiply}. */
    public static void multiplyTransposedInputs(double[] x, int rows, int inner, double[] dy, int out, double[] dw) {
        for (int r = 0; r < rows; r++) {
            int xo = r * inner;
            int dyo = r * out;
            for (int k = 0; k < inner; k++) {
                double xv = x[xo + k];
                if (xv == 0.0) {
                    continue;
                }
                int wo = k * out;
                for (int o = 0; o < out; o++) {
                    dw[wo + o] += xv * dy[dyo + o];
                }
            }
        }
    }

    /** db += column sums of dy (rows x out): the gradient of a bias row added to every batch row. */
    public static void sumRowsInto(double[] dy, int rows, int out, double[] db) {
        for (int r = 0; r < rows; r++) {
            int o0 = r * out;
            for (int o = 0; o < out; o++) {
                db[o] += dy[o0 + o];
            }
        }
    }
}
