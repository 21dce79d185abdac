package io.spinloop.twin.physics;

import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import java.util.Arrays;
import java.util.Random;

/**
 * k STNOs, each with its own stationary power curve {@link PowerCurve} (seed 003 eq. 4), applied to a
 * batch of currents: column j of a batch-major {@code B x k} current tensor drives device j.
 *
 * <p>An optional current ceiling models the safety limit of a bench: currents above it are clamped (the
 * source will not deliver more), so a network trained with the ceiling behaves the same on hardware.
 * The clamp has zero gradient above the ceiling, like the device.
 */
public final class PowerCurveArray {
    private final double[] a;
    private final double[] b;
    private final double[] ic;
    private final double[] q;
    private final double maxCurrent;

    private PowerCurveArray(double[] a, double[] b, double[] ic, double[] q, double maxCurrent) {
        if (!(maxCurrent > 0)) {
            throw new IllegalArgumentException("current ceiling must be positive, got " + maxCurrent);
        }
        this.a = a;
        this.b = b;
        this.ic = ic;
        this.q = q;
        this.maxCurrent = maxCurrent;
    }

    /** k identical devices with no current ceiling. */
    public static PowerCurveArray identical(int k, PowerCurve curve) {
        PowerCurve[] curves = new PowerCurve[k];
        Arrays.fill(curves, curve);
        return of(curves);
    }

    /** One device per curve, no current ceiling. */
    public static PowerCurveArray of(PowerCurve... curves) {
        int k = curves.length;
        if (k == 0) {
            throw new IllegalArgumentException("a device array needs at least one device");
        }
        double[] a = new double[k];
        double[] b = new double[k];
        double[] ic = new double[k];
        double[] q = new double[k];
        for (int j = 0; j < k; j++) {
            a[j] = curves[j].a();
            b[j] = curves[j].b();
            ic[j] = curves[j].criticalCurrent();
            q[j] = curves[j].q();
        }
        return new PowerCurveArray(a, b, ic, q, Double.POSITIVE_INFINITY);
    }

    /**
     * k devices like {@code base} whose prefactor slope a is drawn from N(base.a, sigma^2) (seed 003 Fig. 4);
     * the other parameters are the base device's. The ceiling of this array is kept.
     */
    public PowerCurveArray withSpreadInA(double sigma, Random rng) {
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("sigma must be >= 0, got " + sigma);
        }
        double[] drawn = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            drawn[j] = a[j] + sigma * rng.nextGaussian();
        }
        return new PowerCurveArray(drawn, b, ic, q, maxCurrent);
    }

    /** The same devices behind a current ceiling (normalized units, like the curve's Ic). */
    public PowerCurveArray withMaxCurrent(double ceiling) {
        return new PowerCurveArray(a, b, ic, q, ceiling);
    }

    public int size() {
        return a.length;
    }

    public double maxCurrent() {
        return maxCurrent;
    }

    /** The curve of device j. */
    public PowerCurve device(int j) {
        return new PowerCurve(a[j], b[j], ic[j], q[j]);
    }

    /** The power of device j at {@code current}, with the ceiling applied. */
    public double power(int j, double current) {
        return PowerCurve.power(a[j], b[j], ic[j], q[j], Math.min(current, maxCurrent));
    }

    /** Powers for a batch of currents ({@code B x k}), recorded on the tape with dp/dI as its backward. */
    public Tensor apply(Tape tape, Tensor currents) {
        int k = a.length;
        if (currents.cols() != k) {
            throw new IllegalArgumentException("currents have " + currents.cols() + " columns for " + k + " devices");
        }
        int rows = currents.rows();
        double[] in = currents.data();
        Tensor out = tape.newTensor(rows, k, currents);
        double[] p = out.data();
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            for (int j = 0; j < k; j++) {
                p[o + j] = power(j, in[o + j]);
            }
        }
        tape.record(out, () -> {
            double[] gp = tape.grad(out);
            double[] gi = tape.grad(currents);
            for (int r = 0; r < rows; r++) {
                int o = r * k;
                for (int j = 0; j < k; j++) {
                    double i = in[o + j];
                    if (i < maxCurrent) {
                        gi[o + j] += gp[o + j] * PowerCurve.slope(a[j], b[j], ic[j], q[j], i);
                    }
                }
            }
        });
        return out;
    }

    /** Powers for a batch of currents without a tape (evaluation, bench emulation, spread studies). */
    public void apply(double[] currents, int rows, double[] powers) {
        int k = a.length;
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            for (int j = 0; j < k; j++) {
                powers[o + j] = power(j, currents[o + j]);
            }
        }
    }
}
