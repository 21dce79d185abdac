package io.spinloop.autodiff;

import java.util.List;
import java.util.function.Function;

/**
 * Compares the gradients a tape computes with central finite differences, for tests of ops, fused cells
 * and whole models in any module:
 *
 * <pre>{@code
 * Tensor x = Tensor.variable(3, 2, 0.1, -0.4, 0.7, 0.2, -0.3, 0.5);
 * GradientCheck.of(tape -> ReduceOps.sum(tape, ElementwiseOps.tanh(tape, x)), List.of(x))
 *         .assertWithin(1e-6);
 * }</pre>
 *
 * The function must build a fresh graph on the tape it is given each time it is called (it is called
 * 1 + 2n times for n checked elements) and must not change its inputs. Its result is summed to a scalar.
 */
public final class GradientCheck {
    private final double maxAbsError;
    private final double maxRelError;
    private final String worst;
    private final int checked;

    private GradientCheck(double maxAbsError, double maxRelError, String worst, int checked) {
        this.maxAbsError = maxAbsError;
        this.maxRelError = maxRelError;
        this.worst = worst;
        this.checked = checked;
    }

    /** Checks every element of every tensor in {@code inputs} with step 1e-6. */
    public static GradientCheck of(Function<Tape, Tensor> f, List<Tensor> inputs) {
        return of(f, inputs, 1e-6);
    }

    /** Checks every element of every tensor in {@code inputs} (each must be a {@link Tensor#variable}). */
    public static GradientCheck of(Function<Tape, Tensor> f, List<Tensor> inputs, double step) {
        for (Tensor t : inputs) {
            if (!t.requiresGrad || t.owner != null) {
                throw new IllegalArgumentException("gradient check inputs must be variable leaves, got " + t);
            }
        }
        Tape tape = new Tape();
        Tensor out = f.apply(tape);
        tape.backward(out);
        double maxAbs = 0;
        double maxRel = 0;
        String worst = "none";
        int n = 0;
        for (int k = 0; k < inputs.size(); k++) {
            Tensor t = inputs.get(k);
            double[] g = tape.gradient(t);
            for (int i = 0; i < t.size(); i++) {
                double analytic = g == null ? 0.0 : g[i];
                double keep = t.data[i];
                t.data[i] = keep + step;
                double plus = evaluate(f);
                t.data[i] = keep - step;
                double minus = evaluate(f);
                t.data[i] = keep;
                double numeric = (plus - minus) / (2 * step);
                double abs = Math.abs(analytic - numeric);
                // Relative to the gradient's size, with a floor so that near-zero gradients are judged absolutely.
                double rel = abs / Math.max(1e-3, Math.abs(analytic) + Math.abs(numeric));
                if (!(rel <= maxRel)) {
                    maxRel = rel;
                    worst = "input " + k + " element " + i + ": analytic " + analytic + ", numeric " + numeric;
                }
                maxAbs = Math.max(maxAbs, abs);
                n++;
            }
        }
        return new GradientCheck(maxAbs, maxRel, worst, n);
    }

    private static double evaluate(Function<Tape, Tensor> f) {
        Tensor out = f.apply(new Tape());
        double s = 0;
        for (int i = 0; i < out.size(); i++) {
            s += out.data[i];
        }
        return s;
    }

    /** Largest |analytic - numeric| / max(1e-3, |analytic| + |numeric|) over the checked elements. */
    public double maxRelativeError() {
        return maxRelError;
    }

    public double maxAbsoluteError() {
        return maxAbsError;
    }

    public int checkedElements() {
        return checked;
    }

    /** Throws an {@link AssertionError} naming the worst element if the relative error exceeds {@code tolerance}. */
    public GradientCheck assertWithin(double tolerance) {
        if (!(maxRelError <= tolerance)) {
            throw new AssertionError("gradient check failed: relative error " + maxRelError + " > " + tolerance
                    + " at " + worst);
        }
        return this;
    }

    @Override
    public String toString() {
        return "GradientCheck[" + checked + " elements, max rel " + maxRelError + ", max abs " + maxAbsError
                + ", worst " + worst + "]";
    }
}
