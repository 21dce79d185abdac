package io.spinloop.emulator.physics;

import java.util.function.DoubleUnaryOperator;

/**
 * The field an oscillator sits in, and what it does to it: at bench time t the applied field B(t) scales f0, N,
 * Γ_G (and so I_th = Γ_G/σ and the thermal noise D ∝ Γ_G) by their ratios to the values at the reference field,
 * where the device's own {@link DeviceParameters} hold. At the reference field every ratio is exactly 1.
 */
final class FieldExposure {
    private final MagneticParameters magnetic;
    private final DoubleUnaryOperator fieldAt;
    private final double referenceT;
    private final double f0Ref;
    private final double gammaRef;
    private final double shiftRef;

    FieldExposure(MagneticParameters magnetic, double referenceT, DoubleUnaryOperator fieldAt) {
        this.magnetic = magnetic;
        this.fieldAt = fieldAt;
        this.referenceT = referenceT;
        this.f0Ref = magnetic.kittelFrequencyHz(referenceT);
        this.gammaRef = magnetic.dampingRate(referenceT);
        this.shiftRef = magnetic.frequencyShiftHz(referenceT);
    }

    MagneticParameters magnetic() {
        return magnetic;
    }

    double referenceT() {
        return referenceT;
    }

    double fieldAt(double t) {
        return fieldAt.applyAsDouble(t);
    }

    /** f0(B)/f0(B_ref). */
    double frequencyRatio(double b) {
        return magnetic.kittelFrequencyHz(b) / f0Ref;
    }

    /** Γ_G(B)/Γ_G(B_ref), also the ratio of I_th and of D. */
    double dampingRatio(double b) {
        return magnetic.dampingRate(b) / gammaRef;
    }

    /** N(B)/N(B_ref). */
    double shiftRatio(double b) {
        return magnetic.frequencyShiftHz(b) / shiftRef;
    }
}
