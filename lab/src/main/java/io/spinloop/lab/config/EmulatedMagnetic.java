package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the emulated devices' free layers answer a field, under {@code emulator.magnetic} (docs/field-physics.md);
 * absent values keep the emulator's defaults (μ0·M_eff = 1 T, μ0·H_k = 20 mT, α = 0.01). Applies to every device in
 * a magnet's gap.
 *
 * @param effectiveMagnetisationT μ0·M_eff, T
 * @param biasFieldT              μ0·H_k, the in-plane bias that adds to the applied field, T
 * @param gilbertDamping          α
 */
public record EmulatedMagnetic(
        @JsonProperty("effective_magnetisation_T") Double effectiveMagnetisationT,
        @JsonProperty("bias_field_T") Double biasFieldT,
        @JsonProperty("gilbert_damping") Double gilbertDamping) {
}
