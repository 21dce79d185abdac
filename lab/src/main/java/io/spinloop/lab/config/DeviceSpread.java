package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Relative device-to-device spread (one standard deviation, as a fraction).
 *
 * @param threshold spread of I_th
 * @param f0        spread of f₀
 * @param q         spread of Q
 */
public record DeviceSpread(
        @JsonProperty("threshold") Double threshold,
        @JsonProperty("f0") Double f0,
        @JsonProperty("Q") Double q) {

    public DeviceSpread {
        threshold = threshold == null ? 0.05 : threshold;
        f0 = f0 == null ? 0.02 : f0;
        q = q == null ? 0.10 : q;
    }

    static DeviceSpread defaults() {
        return new DeviceSpread(null, null, null);
    }
}
