package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.spinloop.drivers.source.SourceTiming;
import java.util.Locale;

/**
 * A source's {@code timing:} block: the settings that set how long a list point lasts, set on the source when the
 * bench opens it (and read back). A setting left out keeps the instrument's *RST value.
 *
 * <pre>
 *   timing: {nplc: 0.01, auto_zero: once, trigger_delay_s: 0.0, measure_in_lists: true}
 * </pre>
 *
 * @param nplc           integration time, power-line cycles (0.01 to 10)
 * @param autoZero       {@code on}, {@code off} or {@code once} (a Keysight B2900 has none: off or once, written out)
 * @param triggerDelayS  delay before each list point, s (on a 2450 its source delay, on a B2900 its transient delay)
 * @param measureInLists false for source-only lists (a 2400 and B2900 setting: no voltage read; a 2400 sees a trip
 *                       only after the list, a B2900 switches its output off at the point; a 2450 refuses)
 */
public record SourceTimingConfig(@JsonProperty("nplc") Double nplc, @JsonProperty("auto_zero") String autoZero,
                                 @JsonProperty("trigger_delay_s") Double triggerDelayS,
                                 @JsonProperty("measure_in_lists") Boolean measureInLists) {

    /** The auto-zero setting named, or null when the name is none of on, off, once (or absent: null too). */
    SourceTiming.AutoZero autoZeroSetting() {
        if (autoZero == null) {
            return SourceTiming.instrumentDefaults().autoZero();
        }
        for (SourceTiming.AutoZero a : SourceTiming.AutoZero.values()) {
            if (a.configName().equals(autoZero.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        return null;
    }

    /** The settings, with the instrument's *RST values where the block is silent (call after validation). */
    public SourceTiming toTiming() {
        SourceTiming d = SourceTiming.instrumentDefaults();
        return new SourceTiming(nplc == null ? d.nplc() : nplc, autoZeroSetting(),
                triggerDelayS == null ? d.triggerDelayS() : triggerDelayS,
                measureInLists == null ? d.measureInLists() : measureInLists);
    }
}
