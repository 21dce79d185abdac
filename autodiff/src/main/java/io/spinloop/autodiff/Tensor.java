package io.spinloop.autodiff;

import java.util.Arrays;

/**
 * A batch-major matrix of doubles: {@code rows} is the batch (or the fan-in of a weight), {@code cols}
 * the features, element (r, c) at {@code data[r * cols + c]}.
 *
 * <p>A tensor is either a <em>leaf</em> (made by the factories below: inputs, parameter values) or the
 * output of an op recorded on a {@link Tape}, which then owns its gradient buffer. Gradients of leaves
 * live in the tape, not in the tensor, so several tapes (one per worker thread) can read the same
 * parameters at once and each keep their own gradients.
 */
public final class Tensor {
    private final int rows;
    private final int cols;
    final double[] data;
    final boolean requiresGrad;
    /** The tape that made this tensor, or null for a leaf. */
    final Tape owner;
    /** Gradient buffer of a tape-owned tensor; null until some op propagates into it. */
    double[] grad;

    Tensor(int rows, int cols, double[] data, boolean requiresGrad, Tape owner) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("tensor shape must be positive, got " + rows + "x" + cols);
        }
        if (data.length < rows * cols) {
            throw new IllegalArgumentException("data of length " + data.length + " is too short for " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.requiresGrad = requiresGrad;
        this.owner = owner;
    }

    /** A constant leaf (no gradient) of zeros. */
    public static Tensor zeros(int rows, int cols) {
        return new Tensor(rows, cols, new double[rows * cols], false, null);
    }

    /** A constant leaf wrapping {@code data} (not copied): inputs, targets, masks. */
    public static Tensor constant(int rows, int cols, double... data) {
        checkLength(rows, cols, data);
        return new Tensor(rows, cols, data, false, null);
    }

    /** A leaf whose gradient tapes compute: parameter values, or inputs under a gradient check. */
    public static Tensor variable(int rows, int cols, double... data) {
        checkLength(rows, cols, data);
        return new Tensor(rows, cols, data, true, null);
    }

    /** A 1x1 constant. */
    public static Tensor scalar(double value) {
        return new Tensor(1, 1, new double[] {value}, false, null);
    }

    private static void checkLength(int rows, int cols, double[] data) {
        if (data.length != rows * cols) {
            throw new IllegalArgumentException(
                    "expected " + rows * cols + " values for a " + rows + "x" + cols + " tensor, got " + data.length);
        }
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int size() {
        return rows * cols;
    }

    /** The live value array (row-major, batch-major). Writing to it changes the tensor. */
    public double[] data() {
        return data;
    }

    public double get(int r, int c) {
        return data[r * cols + c];
    }

    public void set(int r, int c, double v) {
        data[r * cols + c] = v;
    }

    /** The single value of a 1x1 tensor. */
    public double item() {
        if (rows * cols != 1) {
            throw new IllegalStateException("item() needs a 1x1 tensor, this one is " + shape());
        }
        return data[0];
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    public String shape() {
        return rows + "x" + cols;
    }

    /** A constant leaf holding a copy of the current values (detached from any tape). */
    public Tensor copy() {
        return new Tensor(rows, cols, Arrays.copyOf(data, rows * cols), false, null);
    }

    boolean sameShape(Tensor o) {
        return rows == o.rows && cols == o.cols;
    }

    @Override
    public String toString() {
        return "Tensor[" + shape() + "]";
    }
}
