package io.spinloop.autodiff;

import java.util.function.DoubleUnaryOperator;

/**
 * Element-wise ops with analytic backward. Binary ops broadcast: each operand is either the result's
 * shape, a 1 x C row (same for every batch row), an R x 1 column, or a 1 x 1 scalar.
 */
public final class ElementwiseOps {
    private ElementwiseOps() {
    }

    // ---- binary -------------------------------------------------------------------------------

    public static Tensor add(Tape tape, Tensor a, Tensor b) {
        return binary(tape, a, b, Kind.ADD);
    }

    public static Tensor sub(Tape tape, Tensor a, Tensor b) {
        return binary(tape, a, b, Kind.SUB);
    }

    public static Tensor mul(Tape tape, Tensor a, Tensor b) {
        return binary(tape, a, b, Kind.MUL);
    }

    public static Tensor div(Tape tape, Tensor a, Tensor b) {
        return binary(tape, a, b, Kind.DIV);
    }

    private enum Kind { ADD, SUB, MUL, DIV }

    private static int broadcastDim(int a, int b, Tensor ta, Tensor tb) {
        if (a == b || b == 1) {
            return a;
        }
        if (a == 1) {
            return b;
        }
        throw new IllegalArgumentException("cannot broadcast " + ta.shape() + " with " + tb.shape());
    }

    private static Tensor binary(Tape tape, Tensor a, Tensor b, Kind kind) {
        int rows = broadcastDim(a.rows(), b.rows(), a, b);
        int cols = broadcastDim(a.cols(), b.cols(), a, b);
        // Strides of 0 repeat a row/column/scalar across the result.
        int ars = a.rows() == 1 ? 0 : a.cols();
        int acs = a.cols() == 1 ? 0 : 1;
        int brs = b.rows() == 1 ? 0 : b.cols();
        int bcs = b.cols() == 1 ? 0 : 1;
        double[] ad = a.data;
        double[] bd = b.data;
        Tensor y = tape.newTensor(rows, cols, a, b);
        double[] yd = y.data;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double av = ad[r * ars + c * acs];
                double bv = bd[r * brs + c * bcs];
                double v;
                switch (kind) {
                    case ADD: v = av + bv; break;
                    case SUB: v = av - bv; break;
                    case MUL: v = av * bv; break;
                    default: v = av / bv; break;
                }
                yd[r * cols + c] = v;
            }
        }
        tape.record(y, () -> {
            double[] gy = y.grad;
            double[] ga = tape.grad(a);
            double[] gb = tape.grad(b);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double g = gy[r * cols + c];
                    int ia = r * ars + c * acs;
                    int ib = r * brs + c * bcs;
                    switch (kind) {
                        case ADD:
                            if (ga != null) ga[ia] += g;
                            if (gb != null) gb[ib] += g;
                            break;
                        case SUB:
                            if (ga != null) ga[ia] += g;
                            if (gb != null) gb[ib] -= g;
                            break;
                        case MUL:
                            if (ga != null) ga[ia] += g * bd[ib];
                            if (gb != null) gb[ib] += g * ad[ia];
                            break;
                        default:
                            if (ga != null) ga[ia] += g / bd[ib];
                            if (gb != null) gb[ib] -= g * ad[ia] / (bd[ib] * bd[ib]);
                            break;
                    }
                }
            }
        });
        return y;
    }

    // ---- unary --------------------------------------------------------------------------------

    /** Derivative of a unary function given its input x and output y (whichever is cheaper). */
    @FunctionalInterface
    private interface Derivative {
        double at(double x, double y);
    }

    private static Tensor unary(Tape tape, Tensor a, DoubleUnaryOperator f, Derivative df) {
        Tensor y = tape.newTensor(a.rows(), a.cols(), a);
        int n = a.size();
        for (int i = 0; i < n; i++) {
            y.data[i] = f.applyAsDouble(a.data[i]);
        }
        tape.record(y, () -> {
            double[] ga = tape.grad(a);
            for (int i = 0; i < n; i++) {
                ga[i] += y.grad[i] * df.at(a.data[i], y.data[i]);
            }
        });
        return y;
    }

    public static Tensor neg(Tape tape, Tensor a) {
        return scale(tape, a, -1.0);
    }

    /** k a for a constant k. */
    public static Tensor scale(Tape tape, Tensor a, double k) {
        return unary(tape, a, x -> k * x, (x, y) -> k);
    }

    /** a + k for a constant k. */
    public static Tensor shift(Tape tape, Tensor a, double k) {
        return unary(tape, a, x -> x + k, (x, y) -> 1.0);
    }

    public static Tensor tanh(Tape tape, Tensor a) {
        return unary(tape, a, Math::tanh, (x, y) -> 1.0 - y * y);
    }

    public static Tensor sigmoid(Tape tape, Tensor a) {
        return unary(tape, a, x -> 1.0 / (1.0 + Math.exp(-x)), (x, y) -> y * (1.0 - y));
    }

    public static Tensor relu(Tape tape, Tensor a) {
        return unary(tape, a, x -> x > 0 ? x : 0.0, (x, y) -> x > 0 ? 1.0 : 0.0);
    }

    /** log(1 + e^x), computed without overflow; its derivative is the sigmoid. */
    public static Tensor softplus(Tape tape, Tensor a) {
        return unary(tape, a, x -> x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)),
                (x, y) -> 1.0 / (1.0 + Math.exp(-x)));
    }

    public static Tensor exp(Tape tape, Tensor a) {
        return unary(tape, a, Math::exp, (x, y) -> y);
    }

    public static Tensor log(Tape tape, Tensor a) {
        return unary(tape, a, Math::log, (x, y) -> 1.0 / x);
    }

    public static Tensor square(Tape tape, Tensor a) {
        return unary(tape, a, x -> x * x, (x, y) -> 2.0 * x);
    }

    public static Tensor sqrt(Tape tape, Tensor a) {
        return unary(tape, a, Math::sqrt, (x, y) -> 0.5 / y);
    }

    public static Tensor sin(Tape tape, Tensor a) {
        return unary(tape, a, Math::sin, (x, y) -> Math.cos(x));
    }

    public static Tensor cos(Tape tape, Tensor a) {
        return unary(tape, a, Math::cos, (x, y) -> -Math.sin(x));
    }
}
