package io.spinloop.autodiff;

import java.util.Arrays;

/**
 * A named trainable tensor with its accumulated gradient and an optional fixed connectivity mask.
 *
 * <p>A mask (1 = connection present, 0 = absent) is chosen once, before training: the masked entries of
 * the value are zero and stay zero, because their gradient is zeroed when it is accumulated. Masked
 * matrix products ({@link MatrixOps#linear}) can therefore use the value as a dense matrix.
 *
 * <p>Weight decay applies to a parameter unless it was made with {@link #undecayed} (biases, offsets: shrinking
 * them towards zero is not a regulariser).
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final double[] mask;
    private final double[] grad;
    private final boolean decays;

    private Parameter(String name, Tensor value, double[] mask) {
        this(name, value, mask, true);
    }

    private Parameter(String name, Tensor value, double[] mask, boolean decays) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
        this.name = name;
        this.value = value;
        this.mask = mask;
        this.grad = new double[value.size()];
        this.decays = decays;
        applyMask();
    }

    /** A dense parameter of the given shape holding {@code values} (copied). */
    public static Parameter of(String name, int rows, int cols, double... values) {
        return new Parameter(name, Tensor.variable(rows, cols, values.clone()), null);
    }

    /** A dense parameter that weight decay leaves alone (a bias). */
    public static Parameter undecayed(String name, int rows, int cols, double... values) {
        return new Parameter(name, Tensor.variable(rows, cols, values.clone()), null, false);
    }

    /** A parameter whose entries where {@code mask} is 0 are held at zero. */
    public static Parameter masked(String name, int rows, int cols, double[] values, double[] mask) {
        if (mask.length != rows * cols) {
            throw new IllegalArgumentException("mask of " + name + " has " + mask.length + " entries, expected " + rows * cols);
        }
        for (double m : mask) {
            if (m != 0.0 && m != 1.0) {
                throw new IllegalArgumentException("mask of " + name + " must hold only 0 and 1, found " + m);
            }
        }
        return new Parameter(name, Tensor.variable(rows, cols, values.clone()), mask.clone());
    }

    public String name() {
        return name;
    }

    /** Whether weight decay shrinks this parameter (false for those made with {@link #undecayed}). */
    public boolean decays() {
        return decays;
    }

    /** The value tensor that models pass to ops; its data is updated in place by optimizers. */
    public Tensor value() {
        return value;
    }

    /** The live gradient accumulated by {@link Parameters#accumulate(Tape)}. */
    public double[] grad() {
        return grad;
    }

    /** The fixed mask, or null for a dense parameter. */
    public double[] mask() {
        return mask == null ? null : mask.clone();
    }

    public boolean isMasked() {
        return mask != null;
    }

    /** Number of trainable entries (mask ones), e.g. the synapse count of a weight matrix. */
    public int trainableCount() {
        if (mask == null) {
            return value.size();
        }
        int n = 0;
        for (double m : mask) {
            n += (int) m;
        }
        return n;
    }

    /** Overwrites the value (copied), re-applying the mask. */
    public void set(double[] values) {
        if (values.length != value.size()) {
            throw new IllegalArgumentException(name + " holds " + value.size() + " values, got " + values.length);
        }
        System.arraycopy(values, 0, value.data, 0, values.length);
        applyMask();
    }

    void addGradient(double[] g) {
        if (mask == null) {
            for (int i = 0; i < g.length; i++) {
                grad[i] += g[i];
            }
        } else {
            for (int i = 0; i < g.length; i++) {
                grad[i] += g[i] * mask[i];
            }
        }
    }

    void applyMask() {
        if (mask != null) {
            double[] d = value.data;
            for (int i = 0; i < d.length; i++) {
                d[i] *= mask[i];
            }
        }
    }

    void zeroGrad() {
        Arrays.fill(grad, 0.0);
    }

    @Override
    public String toString() {
        return name + "[" + value.shape() + (mask != null ? ", masked" : "") + "]";
    }
}
