package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One oscillator on the bench.
 *
 * @param id       how commands refer to it ({@code --device})
 * @param source   name of the instrument that drives its current
 * @param analyzer name of the instrument that sees its RF power
 * @param limits   what must never be exceeded on it
 * @param field    the magnet and gaussmeter that set the field at it, with their calibration; null for a device in
 *                 no controlled field
 */
public record DeviceConfig(
        @JsonProperty("id") String id,
        @JsonProperty("source") String source,
        @JsonProperty("analyzer") String analyzer,
        @JsonProperty("limits") SafetyLimits limits,
        @JsonProperty("field") FieldConfig field) {
}
