package io.spinloop.emulator.physics;

import java.util.Map;

/**
 * How an emulated oscillator's free layer answers an applied field (docs/field-physics.md): an in-plane
 * magnetised film with the field along its magnetisation, a macrospin. All fields are flux densities in tesla
 * (μ0·H); the gyromagnetic ratio is the free electron's.
 *
 * @param effectiveMagnetisationT μ0·M_eff, the easy-plane (demagnetising minus perpendicular anisotropy) field
 * @param biasFieldT              μ0·H_k: in-plane anisotropy plus the pinned layer's stray and exchange field,
 *                                which adds to the applied field
 * @param gilbertDamping          α, for the field dependence of Γ_G = α·ω0·∂ω0/∂ω_H (only its ratio is used: the
 *                                device's own relaxation time sets Γ_G at the reference field)
 */
public record MagneticParameters(double effectiveMagnetisationT, double biasFieldT, double gilbertDamping) {
    /** γ/2π of the free electron, Hz/T. */
    public static final double GYROMAGNETIC_HZ_PER_T = 28.024951e9;
    /** The free layer's internal field is kept at least this (a layer at zero internal field is not an oscillator). */
    static final double MIN_INTERNAL_FIELD_T = 1e-3;

    public MagneticParameters {
        if (!(effectiveMagnetisationT > 0) || Double.isInfinite(effectiveMagnetisationT)) {
            throw new IllegalArgumentException("effectiveMagnetisationT must be a positive finite number, got "
                    + effectiveMagnetisationT);
        }
        if (!Double.isFinite(biasFieldT)) {
            throw new IllegalArgumentException("biasFieldT must be finite, got " + biasFieldT);
        }
        if (!(gilbertDamping > 0) || gilbertDamping >= 1) {
            throw new IllegalArgumentException("gilbertDamping must be in (0, 1), got " + gilbertDamping);
        }
    }

    /** A CoFeB-like free layer: μ0·M_eff = 1 T, a 20 mT in-plane bias, α = 0.01. */
    public static MagneticParameters defaults() {
        return new MagneticParameters(1.0, 0.020, 0.01);
    }

    /**
     * From plain values (a YAML mapping), starting from {@link #defaults()}: keys {@code effectiveMagnetisationT},
     * {@code biasFieldT}, {@code gilbertDamping}; anything else is refused, naming the key.
     */
    public static MagneticParameters fromValues(Map<String, ?> values) {
        MagneticParameters p = defaults();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            double v = number(e.getKey(), e.getValue());
            p = switch (e.getKey()) {
                case "effectiveMagnetisationT" -> new MagneticParameters(v, p.biasFieldT, p.gilbertDamping);
                case "biasFieldT" -> new MagneticParameters(p.effectiveMagnetisationT, v, p.gilbertDamping);
                case "gilbertDamping" -> new MagneticParameters(p.effectiveMagnetisationT, p.biasFieldT, v);
                default -> throw new IllegalArgumentException("unknown magnetic parameter '" + e.getKey()
                        + "'; known: effectiveMagnetisationT, biasFieldT, gilbertDamping");
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
                // reported below
            }
        }
        throw new IllegalArgumentException("magnetic parameter '" + key + "' must be a number, got '" + value + "'");
    }

    /** ω_H/2π: the precession frequency of the internal field alone, Hz. */
    double internalFieldHz(double appliedT) {
        return GYROMAGNETIC_HZ_PER_T * Math.max(MIN_INTERNAL_FIELD_T, Math.abs(appliedT + biasFieldT));
    }

    /** ω_M/2π, Hz. */
    double magnetisationHz() {
        return GYROMAGNETIC_HZ_PER_T * effectiveMagnetisationT;
    }

    /** Kittel: f0 = √(f_H (f_H + f_M)), Hz. */
    public double kittelFrequencyHz(double appliedT) {
        double h = internalFieldHz(appliedT);
        return Math.sqrt(h * (h + magnetisationHz()));
    }

    /** Γ_G = α·ω0·∂ω0/∂ω_H = α·(ω_H + ω_M/2), s⁻¹. */
    public double dampingRate(double appliedT) {
        return gilbertDamping * 2 * Math.PI * (internalFieldHz(appliedT) + magnetisationHz() / 2);
    }

    /**
     * N/2π per unit p = J/2 (J the orbit's action): −f_M (f_H + f_M/4)/(f_H + f_M), Hz. The conservative macrospin
     * orbit gives this shape (docs/field-physics.md); only its ratio to the reference field's value is used.
     */
    public double frequencyShiftHz(double appliedT) {
        double h = internalFieldHz(appliedT);
        double m = magnetisationHz();
        return -m * (h + m / 4) / (h + m);
    }

    /**
     * The applied field at which the Kittel frequency is {@code frequencyHz}: where a device whose parameters were
     * given without a field sits (its reference field).
     */
    public double referenceFieldT(double frequencyHz) {
        double m = effectiveMagnetisationT;
        double f = frequencyHz / GYROMAGNETIC_HZ_PER_T;
        return Math.sqrt(m * m / 4 + f * f) - m / 2 - biasFieldT;
    }
}
