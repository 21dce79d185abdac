package io.spinloop.twin;

import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;

/**
 * A physical scalar held inside [lower, upper] by storing it unconstrained: value = lower + (upper - lower)
 * * sigmoid(raw), or, on a log scale (for quantities spanning decades, e.g. a rate in 1/s),
 * value = exp(log lower + (log upper - log lower) * sigmoid(raw)). Gradient steps on {@code raw} can never
 * leave the bounds, which is what keeps a fit from the NaNs seed 002 reports when damping goes negative.
 */
public final class BoundedScalar {
    private final Parameter raw;
    private final double lower;
    private final double upper;
    private final boolean logScale;

    private BoundedScalar(String name, double lower, double upper, boolean logScale, double initial) {
        if (!(lower < upper) || (logScale && !(lower > 0))) {
            throw new IllegalArgumentException(name + ": bounds must satisfy lower < upper"
                    + (logScale ? " and lower > 0 on a log scale" : "") + ", got [" + lower + ", " + upper + "]");
        }
        this.lower = lower;
        this.upper = upper;
        this.logScale = logScale;
        this.raw = Parameter.of(name, 1, 1, 0.0);
        set(initial);
    }

    /** A scalar bounded linearly in [lower, upper], starting at {@code initial}. */
    public static BoundedScalar linear(String name, double lower, double upper, double initial) {
        return new BoundedScalar(name, lower, upper, false, initial);
    }

    /** A positive scalar bounded on a log scale in [lower, upper], starting at {@code initial}. */
    public static BoundedScalar logarithmic(String name, double lower, double upper, double initial) {
        return new BoundedScalar(name, lower, upper, true, initial);
    }

    /** The unconstrained parameter an optimizer updates. */
    public Parameter raw() {
        return raw;
    }

    public String name() {
        return raw.name();
    }

    public double lower() {
        return lower;
    }

    public double upper() {
        return upper;
    }

    public boolean logScale() {
        return logScale;
    }

    /** Current physical value. */
    public double value() {
        return fromRaw(raw.value().data()[0]);
    }

    /** d value / d raw at the current value (for uncertainties propagated from raw space). */
    public double derivative() {
        double s = sigmoid(raw.value().data()[0]);
        double ds = s * (1 - s);
        return logScale ? value() * (Math.log(upper) - Math.log(lower)) * ds : (upper - lower) * ds;
    }

    /** Sets the physical value, clamped just inside the bounds. */
    public void set(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name() + ": value must be finite, got " + value);
        }
        double f = logScale
                ? (Math.log(value) - Math.log(lower)) / (Math.log(upper) - Math.log(lower))
                : (value - lower) / (upper - lower);
        f = Math.min(1 - 1e-9, Math.max(1e-9, f));
        raw.set(new double[] {Math.log(f / (1 - f))});
    }

    private double fromRaw(double r) {
        double s = sigmoid(r);
        double v = logScale ? Math.exp(Math.log(lower) + (Math.log(upper) - Math.log(lower)) * s) : lower + (upper - lower) * s;
        // Rounding can step a last ulp outside; the bounds are a promise.
        return Math.min(upper, Math.max(lower, v));
    }

    /** The physical value as a 1x1 tensor on {@code tape}, differentiable in {@link #raw()}. */
    public Tensor value(Tape tape) {
        Tensor r = raw.value();
        Tensor out = tape.newTensor(1, 1, r);
        double v = fromRaw(r.data()[0]);
        out.data()[0] = v;
        double d = derivative();
        tape.record(out, () -> {
            double[] gr = tape.grad(r);
            if (gr != null) {
                gr[0] += tape.grad(out)[0] * d;
            }
        });
        return out;
    }

    private static double sigmoid(double r) {
        return r >= 0 ? 1 / (1 + Math.exp(-r)) : Math.exp(r) / (1 + Math.exp(r));
    }

    @Override
    public String toString() {
        return name() + "=" + value() + " in [" + lower + ", " + upper + "]" + (logScale ? " (log)" : "");
    }
}
