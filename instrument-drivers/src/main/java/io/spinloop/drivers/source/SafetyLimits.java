package io.spinloop.drivers.source;

/**
 * What a current source may do to the device on it. Enforced by the driver layer before anything is sent.
 *
 * @param maxCurrent           largest |current| ever sourced, in A
 * @param maxComplianceVoltage largest compliance (voltage limit) that may be set, in V
 * @param maxRampRate          largest rate of change of the current, in A/s
 * @param maxStep              largest single change of the current, in A (ramps and list sweeps alike)
 */
public record SafetyLimits(double maxCurrent, double maxComplianceVoltage, double maxRampRate, double maxStep) {

    /**
     * Limits for the default MTJ nano-oscillator of DESIGN.md: 3 mA (damage at 4 mA), 2 V compliance
     * (500 Ω at 3 mA is 1.5 V), steps of 50 µA at most 20 mA/s, so 0 → 2 mA takes 100 ms.
     */
    public static final SafetyLimits STNO_DEFAULT = new SafetyLimits(3e-3, 2.0, 20e-3, 50e-6);

    public SafetyLimits {
        positive(maxCurrent, "maxCurrent");
        positive(maxComplianceVoltage, "maxComplianceVoltage");
        positive(maxRampRate, "maxRampRate");
        positive(maxStep, "maxStep");
        if (maxStep > maxCurrent) {
            throw new IllegalArgumentException("maxStep (" + maxStep + " A) is larger than maxCurrent ("
                    + maxCurrent + " A)");
        }
    }

    private static void positive(double v, String field) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("safety limit " + field + " must be a positive finite number, got " + v);
        }
    }
}
