package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A current sweep: at each current the source ramps, waits {@code settle_s}, and the analyzer takes one
 * single sweep of the spectrum.
 *
 * @param fromA    first current, A
 * @param toA      last current, A (included when the steps land on it)
 * @param stepA    step, A (sign follows from/to)
 * @param settleS  wait after each ramp before the analyzer sweeps, s
 * @param analyzer spectrum settings
 */
public record SweepPreset(
        @JsonProperty("from_A") Double fromA,
        @JsonProperty("to_A") Double toA,
        @JsonProperty("step_A") Double stepA,
        @JsonProperty("settle_s") Double settleS,
        @JsonProperty("analyzer") SpectrumSettings analyzer) {

    public SweepPreset {
        fromA = fromA == null ? 0.0 : fromA;
        toA = toA == null ? 2.5e-3 : toA;
        stepA = stepA == null ? 5e-5 : stepA;
        settleS = settleS == null ? 0.01 : settleS;
        analyzer = analyzer == null ? SpectrumSettings.defaults() : analyzer;
    }

    static SweepPreset defaults() {
        return new SweepPreset(null, null, null, null, null);
    }
}
