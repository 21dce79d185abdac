package io.spinloop.emulator.physics;

import java.util.Locale;
import java.util.Map;

/**
 * The physical parameters of one emulated spin-torque nano-oscillator, around which each device of a bench is
 * drawn with the given spread (DESIGN.md, "Physics of the emulated device"). All SI units. Immutable; the
 * {@code with…} methods return modified copies.
 *
 * @param frequencyHz free-running frequency f₀
 * @param frequencyShiftHz nonlinear frequency shift N/2π per unit of normalized power p (negative: red shift)
 * @param relaxationTimeS amplitude relaxation time 1/Γ_G
 * @param thresholdCurrentA threshold current I_th = Γ_G/σ
 * @param nonlinearDamping nonlinear damping coefficient Q
 * @param resistanceOhm DC resistance of the junction
 * @param magnetoresistance relative change of the DC resistance per unit p (time-averaged magnetoresistance)
 * @param powerAtTwiceThresholdDbm emitted RF power at I = 2·I_th (sets the I²·p power scale)
 * @param linewidthAtTwiceThresholdHz full linewidth at half maximum at I = 2·I_th (sets the thermal noise)
 * @param damageCurrentA above this |I| the device stops oscillating for good
 * @param thresholdSpread relative standard deviation of I_th between devices
 * @param frequencySpread relative standard deviation of f₀ between devices
 * @param dampingSpread relative standard deviation of Q between devices
 * @param drift relative RMS amplitude of the slow drift of f₀ and I_th (periods of minutes to an hour)
 */
public record DeviceParameters(
        double frequencyHz,
        double frequencyShiftHz,
        double relaxationTimeS,
        double thresholdCurrentA,
        double nonlinearDamping,
        double resistanceOhm,
        double magnetoresistance,
        double powerAtTwiceThresholdDbm,
        double linewidthAtTwiceThresholdHz,
        double damageCurrentA,
        double thresholdSpread,
        double frequencySpread,
        double dampingSpread,
        double drift) {

    public DeviceParameters {
        positive("frequencyHz", frequencyHz);
        finite("frequencyShiftHz", frequencyShiftHz);
        positive("relaxationTimeS", relaxationTimeS);
        positive("thresholdCurrentA", thresholdCurrentA);
        positive("nonlinearDamping", nonlinearDamping);
        positive("resistanceOhm", resistanceOhm);
        finite("magnetoresistance", magnetoresistance);
        if (magnetoresistance <= -1) {
            throw new IllegalArgumentException("magnetoresistance must be > -1, got " + magnetoresistance);
        }
        finite("powerAtTwiceThresholdDbm", powerAtTwiceThresholdDbm);
        positive("linewidthAtTwiceThresholdHz", linewidthAtTwiceThresholdHz);
        positive("damageCurrentA", damageCurrentA);
        nonNegative("thresholdSpread", thresholdSpread);
        nonNegative("frequencySpread", frequencySpread);
        nonNegative("dampingSpread", dampingSpread);
        nonNegative("drift", drift);
    }

    /** The default device of DESIGN.md: a 5 GHz MTJ oscillator with a 1 mA threshold. */
    public static DeviceParameters defaults() {
        return new DeviceParameters(5e9, -1e9, 10e-9, 1e-3, 0.5, 500, 0.02, -40, 10e6, 4e-3,
                0.05, 0.02, 0.10, 0.001);
    }

    /**
     * Builds parameters from plain values (for instance a YAML mapping), starting from {@link #defaults()}. Keys are
     * the component names of this record; a key that is not one of them, or a value that is not a number, is
     * refused with a message naming it.
     */
    public static DeviceParameters fromValues(Map<String, ?> values) {
        DeviceParameters p = defaults();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            double v = number(e.getKey(), e.getValue());
            p = switch (e.getKey()) {
                case "frequencyHz" -> p.withFrequencyHz(v);
                case "frequencyShiftHz" -> p.withFrequencyShiftHz(v);
                case "relaxationTimeS" -> p.withRelaxationTimeS(v);
                case "thresholdCurrentA" -> p.withThresholdCurrentA(v);
                case "nonlinearDamping" -> p.withNonlinearDamping(v);
                case "resistanceOhm" -> p.withResistanceOhm(v);
                case "magnetoresistance" -> p.withMagnetoresistance(v);
                case "powerAtTwiceThresholdDbm" -> p.withPowerAtTwiceThresholdDbm(v);
                case "linewidthAtTwiceThresholdHz" -> p.withLinewidthAtTwiceThresholdHz(v);
                case "damageCurrentA" -> p.withDamageCurrentA(v);
                case "thresholdSpread" -> p.withThresholdSpread(v);
                case "frequencySpread" -> p.withFrequencySpread(v);
                case "dampingSpread" -> p.withDampingSpread(v);
                case "drift" -> p.withDrift(v);
                default -> throw new IllegalArgumentException("unknown device parameter '" + e.getKey()
                        + "'; known: frequencyHz, frequencyShiftHz, relaxationTimeS, thresholdCurrentA, "
                        + "nonlinearDamping, resistanceOhm, magnetoresistance, powerAtTwiceThresholdDbm, "
                        + "linewidthAtTwiceThresholdHz, damageCurrentA, thresholdSpread, frequencySpread, "
                        + "dampingSpread, drift");
            };
        }
        return p;
    }

    private static double number(String key, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("device parameter '" + key + "' must be a number, got '" + value + "'");
    }

    /** The same parameters without device-to-device spread or drift: every device is exactly this one. */
    public DeviceParameters withoutVariation() {
        return withThresholdSpread(0).withFrequencySpread(0).withDampingSpread(0).withDrift(0);
    }

    public DeviceParameters withFrequencyHz(double v) {
        return new DeviceParameters(v, frequencyShiftHz, relaxationTimeS, thresholdCurrentA, nonlinearDamping,
                resistanceOhm, magnetoresistance, powerAtTwiceThresholdDbm, linewidthAtTwiceThresholdHz,
                damageCurrentA, thresholdSpread, frequencySpread, dampingSpread, drift);
    }

    public DeviceParameters withFrequencyShiftHz(double v) {
        return new DeviceParameters(frequencyHz, v, relaxationTimeS, thresholdCurrentA, nonlinearDamping,
                resistanceOhm, magnetoresistance, powerAtTwiceThresholdDbm, linewidthAtTwiceThresholdHz,
                damageCurrentA, thresholdSpread, frequencySpread, dampingSpread, drift);
    }

    public DeviceParameters withRelaxationTimeS(double v) {
        return new DeviceParameters(frequencyHz, frequencyShiftHz, v, thresholdCurrentA, nonlinearDamping,
                resistanceOhm, magnetoresistance, powerAtTwiceThresholdDbm, linewidthAtTwiceThresholdHz,
                damageCurrentA, thresholdSpread, frequencySpread, dampingSpread, drift);
    }

    public DeviceParameters withThresholdCurrentA(double v) {
        return new DeviceParameters(frequencyHz, frequencyShiftHz, relaxationTimeS, v, nonlinearDamping,
                resistanceOhm, magnetoresistance, powerAtTwiceThresholdDbm, linewidthAtTwiceThresholdHz,
                damageCurrentA, thresholdSpread, frequencySpread, dampingSpread, drift);
    }

    public DeviceParameters withNonlinearDamping(double v) {
        return new DeviceParameters(frequencyHz, frequencyShiftHz, relaxationTimeS, thresholdCurrentA, v,
                resistanceOhm, magnetoresistance, powerAtTwiceThresholdDbm, linewidthAtTwiceThresholdHz,
                damageCurrentA, thresholdSpread, frequencySpread, dampingSpread, drift);
    }

    public DeviceParameters withResistanceOhm(double v) {
        return new DeviceParameters(frequencyHz, frequencyShiftHz, relaxationTimeS, thresholdCurrentA,
                nonlinearDamping, v, magnetoresistance, powerAtTwiceThresholdDbm, linewidthAtTwiceThresholdHz,
                damageCurrentA, thresholdSpread, frequencySpread, dampingSpread, drift);
    }

    public DeviceParameters withMagnetoresistance(double v) {
        return new DeviceParameters(frequencyHz, frequencyShiftHz, relaxationTimeS, thresholdCurrentA,
                nonlinearDamping, resistanceOhm, v, powerAtTwiceThresholdDbm, linewidthAtTwiceThresholdHz,
                damageCurrentA, thresholdSpread, frequencySpread, dampingSpread, drift);
    }

    public DeviceParameters withPowerAtTwiceThresholdDbm(double v) {
        return new DeviceParameters(frequencyHz, frequencyShiftHz, relaxationTimeS, thresholdCurrentA,
                nonlinearDamping, resistanceOhm, magnetoresistance, v, linewidthAtTwiceThresholdHz,
                damageCurrentA, thresholdSpread, frequencySpread, dampingSpread, drift);
    }

    public DeviceParameters withLinewidthAtTwiceThresholdHz(double v) {
        return new DeviceParameters(frequencyHz, frequencyShiftHz, relaxationTimeS, thresholdCurrentA,
                nonlinearDamping, resistanceOhm, magnetoresistance, powerAtTwiceThresholdDbm, v,
                damageCurrentA, thresholdSpread, frequencySpread, dampingSpread, drift);
    }

    public DeviceParameters withDamageCurrentA(double v) {
        return new DeviceParameters(frequencyHz, frequencyShiftHz, relaxationTimeS, thresholdCurrentA,
                nonlinearDamping, resistanceOhm, magnetoresistance, powerAtTwiceThresholdDbm,
                linewidthAtTwiceThresholdHz, v, thresholdSpread, frequencySpread, dampingSpread, drift);
    }

    public DeviceParameters withThresholdSpread(double v) {
        return new DeviceParameters(frequencyHz, frequencyShiftHz, relaxationTimeS, thresholdCurrentA,
                nonlinearDamping, resistanceOhm, magnetoresistance, powerAtTwiceThresholdDbm,
                linewidthAtTwiceThresholdHz, damageCurrentA, v, frequencySpread, dampingSpread, drift);
    }

    public DeviceParameters withFrequencySpread(double v) {
        return new DeviceParameters(frequencyHz, frequencyShiftHz, relaxationTimeS, thresholdCurrentA,
                nonlinearDamping, resistanceOhm, magnetoresistance, powerAtTwiceThresholdDbm,
                linewidthAtTwiceThresholdHz, damageCurrentA, thresholdSpread, v, dampingSpread, drift);
    }

    public DeviceParameters withDampingSpread(double v) {
        return new DeviceParameters(frequencyHz, frequencyShiftHz, relaxationTimeS, thresholdCurrentA,
                nonlinearDamping, resistanceOhm, magnetoresistance, powerAtTwiceThresholdDbm,
                linewidthAtTwiceThresholdHz, damageCurrentA, thresholdSpread, frequencySpread, v, drift);
    }

    public DeviceParameters withDrift(double v) {
        return new DeviceParameters(frequencyHz, frequencyShiftHz, relaxationTimeS, thresholdCurrentA,
                nonlinearDamping, resistanceOhm, magnetoresistance, powerAtTwiceThresholdDbm,
                linewidthAtTwiceThresholdHz, damageCurrentA, thresholdSpread, frequencySpread, dampingSpread, v);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + v);
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be zero or a positive finite number, got " + v);
        }
    }

    private static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + v);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DeviceParameters[f0=%.4g Hz, shift=%.4g Hz, 1/ΓG=%.3g s, Ith=%.4g A, "
                        + "Q=%.3g, R=%.4g Ω, MR=%.3g, P(2Ith)=%.3g dBm, Δf(2Ith)=%.3g Hz, Idamage=%.3g A, "
                        + "spread Ith/f0/Q=%.3g/%.3g/%.3g, drift=%.3g]",
                frequencyHz, frequencyShiftHz, relaxationTimeS, thresholdCurrentA, nonlinearDamping, resistanceOhm,
                magnetoresistance, powerAtTwiceThresholdDbm, linewidthAtTwiceThresholdHz, damageCurrentA,
                thresholdSpread, frequencySpread, dampingSpread, drift);
    }
}
