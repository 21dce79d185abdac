package io.spinloop.drivers.field;

/**
 * What a magnet supply may do to the coil on it. Enforced below the API, before anything is sent.
 *
 * @param maxCurrent  largest |current| ever sourced into the coil, A
 * @param maxVoltage  voltage limit set on the supply in current mode, V (the inductive kick of a ramp must stay
 *                    below it: L·rate + R·I)
 * @param maxRampRate largest rate of change of the current, A/s (the coil's inductance and the yoke's eddy
 *                    currents set it)
 * @param maxStep     largest single change of the programmed current, A; a ramp steps at most this far, at
 *                    intervals of maxStep/maxRampRate
 */
public record MagnetLimits(double maxCurrent, double maxVoltage, double maxRampRate, double maxStep) {
    /** A small lab electromagnet on a BOP 20-10: 5 A, 15 V, 0.5 A/s in steps of 10 mA (20 ms apart). */
    public static final MagnetLimits ELECTROMAGNET_DEFAULT = new MagnetLimits(5.0, 15.0, 0.5, 0.01);

    public MagnetLimits {
        positive(maxCurrent, "maxCurrent");
        positive(maxVoltage, "maxVoltage");
        positive(maxRampRate, "maxRampRate");
        positive(maxStep, "maxStep");
        if (maxStep > maxCurrent) {
            throw new IllegalArgumentException("magnet maxStep (" + maxStep + " A) is larger than maxCurrent ("
                    + maxCurrent + " A)");
        }
    }

    /** The time a ramp of {@code amps} takes at the rate limit, s. */
    public double rampSeconds(double amps) {
        return Math.abs(amps) / maxRampRate;
    }

    private static void positive(double v, String field) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("magnet limit " + field + " must be a positive finite number, got " + v);
        }
    }
}
