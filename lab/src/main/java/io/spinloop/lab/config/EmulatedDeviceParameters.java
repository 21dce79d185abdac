package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Physics of an emulated oscillator (DESIGN.md, "Physics of the emulated device"). Every field is
 * optional: an absent one keeps the emulator's default (the default device of DESIGN.md).
 *
 * @param f0Hz                free-running frequency, Hz
 * @param frequencyShiftHz    nonlinear frequency shift N/2π, Hz per unit normalized power
 * @param relaxationS         amplitude relaxation time 1/Γ_G, s
 * @param thresholdA          threshold current I_th, A
 * @param q                   nonlinear damping Q
 * @param resistanceOhm       device resistance, Ω
 * @param magnetoresistance   relative change of the resistance per unit normalized power
 * @param powerAt2IthDbm      emitted power at twice the threshold, dBm
 * @param linewidthAt2IthHz   linewidth at twice the threshold, Hz (sets the thermal noise)
 * @param damageA             current above which the device stops oscillating for good, A
 */
public record EmulatedDeviceParameters(
        @JsonProperty("f0_Hz") Double f0Hz,
        @JsonProperty("frequency_shift_Hz") Double frequencyShiftHz,
        @JsonProperty("relaxation_s") Double relaxationS,
        @JsonProperty("threshold_A") Double thresholdA,
        @JsonProperty("Q") Double q,
        @JsonProperty("resistance_ohm") Double resistanceOhm,
        @JsonProperty("magnetoresistance") Double magnetoresistance,
        @JsonProperty("power_at_2Ith_dBm") Double powerAt2IthDbm,
        @JsonProperty("linewidth_at_2Ith_Hz") Double linewidthAt2IthHz,
        @JsonProperty("damage_A") Double damageA) {

    static EmulatedDeviceParameters none() {
        return new EmulatedDeviceParameters(null, null, null, null, null, null, null, null, null, null);
    }

    /** These values where set, {@code base}'s elsewhere. */
    public EmulatedDeviceParameters over(EmulatedDeviceParameters base) {
        return new EmulatedDeviceParameters(
                pick(f0Hz, base.f0Hz), pick(frequencyShiftHz, base.frequencyShiftHz),
                pick(relaxationS, base.relaxationS), pick(thresholdA, base.thresholdA), pick(q, base.q),
                pick(resistanceOhm, base.resistanceOhm), pick(magnetoresistance, base.magnetoresistance),
                pick(powerAt2IthDbm, base.powerAt2IthDbm),
                pick(linewidthAt2IthHz, base.linewidthAt2IthHz), pick(damageA, base.damageA));
    }

    private static Double pick(Double own, Double base) {
        return own != null ? own : base;
    }
}
