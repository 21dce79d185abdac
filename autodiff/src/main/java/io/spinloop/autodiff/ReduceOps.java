package io.spinloop.autodiff;

/** Sums and means over all elements, over the batch (rows) or over the features (columns). */
public final class ReduceOps {
    private ReduceOps() {
    }

    /** The sum of all elements, 1 x 1. */
    public static Tensor sum(Tape tape, Tensor a) {
        Tensor y = tape.newTensor(1, 1, a);
        double s = 0.0;
        int n = a.size();
        for (int i = 0; i < n; i++) {
            s += a.data[i];
        }
        y.data[0] = s;
        tape.record(y, () -> {
            double[] ga = tape.grad(a);
            double g = y.grad[0];
            for (int i = 0; i < n; i++) {
                ga[i] += g;
            }
        });
        return y;
    }

    /** The mean of all elements, 1 x 1. */
    public static Tensor mean(Tape tape, Tensor a) {
        return ElementwiseOps.scale(tape, sum(tape, a), 1.0 / a.size());
    }

    /** Sums over the batch: (R x C) to (1 x C). */
    public static Tensor sumRows(Tape tape, Tensor a) {
        int rows = a.rows();
        int cols = a.cols();
        Tensor y = tape.newTensor(1, cols, a);
        MatMulKernels.sumRowsInto(a.data, rows, cols, y.data);
        tape.record(y, () -> {
            double[] ga = tape.grad(a);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    ga[r * cols + c] += y.grad[c];
                }
            }
        });
        return y;
    }

    /** Sums over the features: (R x C) to (R x 1). */
    public static Tensor sumColumns(Tape tape, Tensor a) {
        int rows = a.rows();
        int cols = a.cols();
        Tensor y = tape.newTensor(rows, 1, a);
        for (int r = 0; r < rows; r++) {
            double s = 0.0;
            for (int c = 0; c < cols; c++) {
                s += a.data[r * cols + c];
            }
            y.data[r] = s;
        }
        tape.record(y, () -> {
            double[] ga = tape.grad(a);
            for (int r = 0; r < rows; r++) {
                double g = y.grad[r];
                for (int c = 0; c < cols; c++) {
                    ga[r * cols + c] += g;
                }
            }
        });
        return y;
    }
}
