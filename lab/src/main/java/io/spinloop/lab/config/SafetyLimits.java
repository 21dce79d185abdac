package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Safety limits of one device, enforced by the drivers (a request beyond them is refused before
 * anything is sent) and checked against the presets when the config is loaded.
 *
 * @param maxCurrentA        largest |current|, A
 * @param complianceV        voltage compliance set on the source, V
 * @param rampRateAPerS      largest rate of change of the current, A/s
 * @param rampStepA          largest single step of the current, A
 */
public record SafetyLimits(
        @JsonProperty("max_current_A") Double maxCurrentA,
        @JsonProperty("compliance_V") Double complianceV,
        @JsonProperty("ramp_rate_A_per_s") Double rampRateAPerS,
        @JsonProperty("ramp_step_A") Double rampStepA) {
}
