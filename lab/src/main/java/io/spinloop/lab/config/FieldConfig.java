package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code field:} block of a device: the instruments that set the field at it and how.
 *
 * <pre>
 * field:
 *   magnet: bop-a              # an instrument with role magnet
 *   gaussmeter: gm-a           # an instrument with role gaussmeter, its probe at the device
 *   tesla_per_A: 0.05          # calibration slope of the magnet
 *   offset_T: 0.0109           # the field at 0 A (bias magnet, remanence); default 0
 *   tolerance_T: 1.0e-4        # default 0.1 mT
 *   settle_s: 0.2              # wait after each change of current; default 0.2 s
 *   limits: {max_current_A: 5.0, max_voltage_V: 15.0, ramp_rate_A_per_s: 0.5, ramp_step_A: 0.01}
 *   coil: {inductance_H: 0.04, resistance_ohm: 2.0}   # optional: max_voltage_V is then checked against the coil
 * </pre>
 *
 * @param magnet     name of the magnet supply
 * @param gaussmeter name of the gaussmeter
 * @param teslaPerA  calibration slope, T/A
 * @param offsetT    field at 0 A, T
 * @param toleranceT how close the reading must come to a target, T
 * @param settleS    settling time after each change of current, s
 * @param limits     what the magnet supply must never exceed
 * @param coil       the magnet coil's inductance and resistance, or null when not given (then the supply's voltage
 *                   limit is not checked against what the ramps need)
 */
public record FieldConfig(
        @JsonProperty("magnet") String magnet,
        @JsonProperty("gaussmeter") String gaussmeter,
        @JsonProperty("tesla_per_A") Double teslaPerA,
        @JsonProperty("offset_T") Double offsetT,
        @JsonProperty("tolerance_T") Double toleranceT,
        @JsonProperty("settle_s") Double settleS,
        @JsonProperty("limits") MagnetLimitsConfig limits,
        @JsonProperty("coil") CoilConfig coil) {

    public FieldConfig {
        offsetT = offsetT == null ? 0.0 : offsetT;
        toleranceT = toleranceT == null ? 1e-4 : toleranceT;
        settleS = settleS == null ? 0.2 : settleS;
    }

    /**
     * The magnet supply's limits.
     *
     * @param maxCurrentA   largest |coil current|, A
     * @param maxVoltageV   voltage limit set on the supply, V
     * @param rampRateAPerS largest rate of change of the coil current, A/s
     * @param rampStepA     largest single step, A
     */
    public record MagnetLimitsConfig(
            @JsonProperty("max_current_A") Double maxCurrentA,
            @JsonProperty("max_voltage_V") Double maxVoltageV,
            @JsonProperty("ramp_rate_A_per_s") Double rampRateAPerS,
            @JsonProperty("ramp_step_A") Double rampStepA) {
    }

    /**
     * The magnet coil as the supply sees it: driving {@code I} rising at {@code dI/dt} takes {@code L·dI/dt + R·I}
     * volts, which the supply's voltage limit must leave room for, or the current lags the ramp.
     *
     * @param inductanceH   L, H
     * @param resistanceOhm R (coil and leads), ohm
     */
    public record CoilConfig(
            @JsonProperty("inductance_H") Double inductanceH,
            @JsonProperty("resistance_ohm") Double resistanceOhm) {
    }
}
