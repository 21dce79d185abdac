package io.spinloop.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Slow drift of the devices: a random walk of the free-running frequency and the threshold.
 *
 * @param f0HzPerSqrtS            random-walk strength of f₀, Hz/√s
 * @param thresholdFractionPerSqrtS random-walk strength of I_th, relative, 1/√s
 */
public record DeviceDrift(
        @JsonProperty("f0_Hz_per_sqrt_s") Double f0HzPerSqrtS,
        @JsonProperty("threshold_per_sqrt_s") Double thresholdFractionPerSqrtS) {

    public DeviceDrift {
        f0HzPerSqrtS = f0HzPerSqrtS == null ? 0.0 : f0HzPerSqrtS;
        thresholdFractionPerSqrtS = thresholdFractionPerSqrtS == null ? 0.0 : thresholdFractionPerSqrtS;
    }

    static DeviceDrift none() {
        return new DeviceDrift(null, null);
    }
}
