package io.spinloop.autodiff;

/** Matrix products (dense and masked), bias rows, and column slicing/concatenation, with analytic backward. */
public final class MatrixOps {
    private MatrixOps() {
    }

    /** a b for a (R x K) and b (K x C). */
    public static Tensor matmul(Tape tape, Tensor a, Tensor b) {
        return linear(tape, a, b, null, null);
    }

    /** x w + bias, with x (B x in), w (in x out) and bias (1 x out) or null. */
    public static Tensor linear(Tape tape, Tensor x, Tensor w, Tensor bias) {
        return linear(tape, x, w, bias, null);
    }

    /**
     * x (w ∘ mask) + bias: a sparse-connectivity product. {@code mask} has w's shape and holds 0/1;
     * masked entries of w neither act nor receive gradient. Null mask means dense.
     */
    public static Tensor linear(Tape tape, Tensor x, Tensor w, Tensor bias, double[] mask) {
        int rows = x.rows();
        int inner = x.cols();
        if (w.rows() != inner) {
            throw new IllegalArgumentException("cannot multiply " + x.shape() + " by " + w.shape());
        }
        int out = w.cols();
        if (bias != null && (bias.rows() != 1 || bias.cols() != out)) {
            throw new IllegalArgumentException("bias must be 1x" + out + ", got " + bias.shape());
        }
        if (mask != null && mask.length != w.size()) {
            throw new IllegalArgumentException("mask has " + mask.length + " entries, weights " + w.size());
        }
        final double[] wEff;
        if (mask == null) {
            wEff = w.data;
        } else {
            wEff = tape.newTensor(w.rows(), w.cols(), false).data;
            for (int i = 0; i < wEff.length; i++) {
                wEff[i] = w.data[i] * mask[i];
            }
        }
        Tensor y = tape.newTensor(rows, out, x, w, bias);
        MatMulKernels.multiply(x.data, rows, inner, wEff, out, y.data, false);
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < out; o++) {
                    y.data[r * out + o] += bias.data[o];
                }
            }
        }
        tape.record(y, () -> {
            double[] dy = y.grad;
            double[] dx = tape.grad(x);
            if (dx != null) {
                MatMulKernels.multiplyTransposedWeights(dy, rows, out, wEff, inner, dx);
            }
            double[] dw = tape.grad(w);
            if (dw != null) {
                if (mask == null) {
                    MatMulKernels.multiplyTransposedInputs(x.data, rows, inner, dy, out, dw);
                } else {
                    double[] tmp = new double[dw.length];
                    MatMulKernels.multiplyTransposedInputs(x.data, rows, inner, dy, out, tmp);
                    for (int i = 0; i < tmp.length; i++) {
                        dw[i] += tmp[i] * mask[i];
                    }
                }
            }
            if (bias != null) {
                double[] db = tape.grad(bias);
                if (db != null) {
                    MatMulKernels.sumRowsInto(dy, rows, out, db);
                }
            }
        });
        return y;
    }

    /** Columns [from, to) of t. */
    public static Tensor columns(Tape tape, Tensor t, int from, int to) {
        if (from < 0 || to > t.cols() || from >= to) {
            throw new IllegalArgumentException("columns [" + from + "," + to + ") outside 0.." + t.cols());
        }
        int rows = t.rows();
        int w = to - from;
        int c = t.cols();
        Tensor y = tape.newTensor(rows, w, t);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(t.data, r * c + from, y.data, r * w, w);
        }
        tape.record(y, () -> {
            double[] dt = tape.grad(t);
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < w; k++) {
                    dt[r * c + from + k] += y.grad[r * w + k];
                }
            }
        });
        return y;
    }

    /** The tensors side by side: same rows, columns concatenated in order. */
    public static Tensor concatColumns(Tape tape, Tensor... parts) {
        int rows = parts[0].rows();
        int total = 0;
        for (Tensor p : parts) {
            if (p.rows() != rows) {
                throw new IllegalArgumentException("concatColumns needs equal rows, got " + p.shape() + " and " + parts[0].shape());
            }
            total += p.cols();
        }
        final int width = total;
        Tensor y = tape.newTensor(rows, width, parts);
        int off = 0;
        for (Tensor p : parts) {
            int pc = p.cols();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(p.data, r * pc, y.data, r * width + off, pc);
            }
            off += pc;
        }
        tape.record(y, () -> {
            int o = 0;
            for (Tensor p : parts) {
                int pc = p.cols();
                double[] dp = tape.grad(p);
                if (dp != null) {
                    for (int r = 0; r < rows; r++) {
                        for (int k = 0; k < pc; k++) {
                            dp[r * pc + k] += y.grad[r * width + o + k];
                        }
                    }
                }
                o += pc;
            }
        });
        return y;
    }
}
