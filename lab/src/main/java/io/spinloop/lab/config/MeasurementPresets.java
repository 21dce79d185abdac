package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Default settings of the measurement commands; command-line options override them.
 *
 * @param sweep     {@code measure sweep}: currents and analyzer settings
 * @param sequences {@code measure sequences}: drive sequences, repeats and zero-span settings
 */
public record MeasurementPresets(
        @JsonProperty("sweep") SweepPreset sweep,
        @JsonProperty("sequences") SequencePreset sequences) {

    public MeasurementPresets {
        sweep = sweep == null ? SweepPreset.defaults() : sweep;
        sequences = sequences == null ? SequencePreset.defaults() : sequences;
    }

    static MeasurementPresets defaults() {
        return new MeasurementPresets(null, null);
    }
}
