package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Spectrum analyzer settings for swept spectra. Defaults suit the default device (a 5 GHz line that
 * red-shifts by up to a few hundred MHz).
 *
 * @param centerHz     center frequency, Hz
 * @param spanHz       span, Hz
 * @param rbwHz        resolution bandwidth, Hz
 * @param vbwHz        video bandwidth, Hz (null: as the instrument couples it)
 * @param points       trace points
 * @param averages     traces averaged per point (1: no averaging)
 * @param refLevelDbm  reference level, dBm
 */
public record SpectrumSettings(
        @JsonProperty("center_Hz") Double centerHz,
        @JsonProperty("span_Hz") Double spanHz,
        @JsonProperty("rbw_Hz") Double rbwHz,
        @JsonProperty("vbw_Hz") Double vbwHz,
        @JsonProperty("points") Integer points,
        @JsonProperty("averages") Integer averages,
        @JsonProperty("ref_level_dBm") Double refLevelDbm) {

    public SpectrumSettings {
        centerHz = centerHz == null ? 4.75e9 : centerHz;
        spanHz = spanHz == null ? 1.0e9 : spanHz;
        rbwHz = rbwHz == null ? 1.0e6 : rbwHz;
        points = points == null ? 1001 : points;
        averages = averages == null ? 1 : averages;
        refLevelDbm = refLevelDbm == null ? -20.0 : refLevelDbm;
    }

    static SpectrumSettings defaults() {
        return new SpectrumSettings(null, null, null, null, null, null, null);
    }

    public SpectrumSettings withPoints(int newPoints) {
        return new SpectrumSettings(centerHz, spanHz, rbwHz, vbwHz, newPoints, averages, refLevelDbm);
    }
}
