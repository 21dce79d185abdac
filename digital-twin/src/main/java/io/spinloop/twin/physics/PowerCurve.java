package io.spinloop.twin.physics;

/**
 * The stationary power of an STNO as a function of its current, seed 003 eq. 4:
 * {@code p(I) = (1 + tanh(aI - b))/2 * (I - Ic)/(I + Q Ic)} above the threshold {@code Ic}, zero below.
 *
 * <p>The tanh prefactor is the phenomenological tail near threshold that the analytic auto-oscillator
 * curve (eq. 3) misses. Currents and powers are in the seed's normalized units (Ic = 1, p in [0, 1)).
 * The curve is continuous at Ic; its derivative jumps there, which training tolerates the way it
 * tolerates a ReLU.
 */
public record PowerCurve(double a, double b, double criticalCurrent, double q) {

    /** The seed's device: a = 4, b = 5, Ic = 1, Q = 2. */
    public static final PowerCurve SEED_003 = new PowerCurve(4.0, 5.0, 1.0, 2.0);

    public PowerCurve {
        if (!(criticalCurrent > 0) || !Double.isFinite(criticalCurrent)) {
            throw new IllegalArgumentException("critical current Ic must be positive, got " + criticalCurrent);
        }
        if (!(q >= 0) || !Double.isFinite(q)) {
            throw new IllegalArgumentException("nonlinear damping Q must be >= 0, got " + q);
        }
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("a and b must be finite, got a=" + a + ", b=" + b);
        }
    }

    /** This curve with another prefactor slope {@code a} (device-to-device spread, seed 003 Fig. 4). */
    public PowerCurve withA(double newA) {
        return new PowerCurve(newA, b, criticalCurrent, q);
    }

    /** p(I). */
    public double power(double current) {
        return power(a, b, criticalCurrent, q, current);
    }

    /** dp/dI. */
    public double slope(double current) {
        return slope(a, b, criticalCurrent, q, current);
    }

    /** dp/da, for fitting a device's curve or differentiating through a spread. */
    public double slopeInA(double current) {
        if (current <= criticalCurrent) {
            return 0.0;
        }
        double t = Math.tanh(a * current - b);
        return 0.5 * (1 - t * t) * current * (current - criticalCurrent) / (current + q * criticalCurrent);
    }

    static double power(double a, double b, double ic, double q, double current) {
        if (current <= ic) {
            return 0.0;
        }
        return 0.5 * (1 + Math.tanh(a * current - b)) * (current - ic) / (current + q * ic);
    }

    static double slope(double a, double b, double ic, double q, double current) {
        if (current <= ic) {
            return 0.0;
        }
        double t = Math.tanh(a * current - b);
        double den = current + q * ic;
        double g = (current - ic) / den;
        double dg = ic * (1 + q) / (den * den);
        return 0.5 * a * (1 - t * t) * g + 0.5 * (1 + t) * dg;
    }
}
