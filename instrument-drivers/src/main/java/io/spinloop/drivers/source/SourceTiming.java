package io.spinloop.drivers.source;

import java.util.Locale;

/**
 * The settings of a SourceMeter that set how long a list point lasts besides its source delay (the dwell, sent with
 * each list): the integration time of its measurement, auto zero, the trigger delay, and whether a list point
 * measures at all. They change no current, so they may be changed with the output on.
 *
 * <p>What they cost, following the manuals' trigger model: each point waits the trigger delay, sets its level, waits
 * the source delay, then integrates for {@code nplc} power-line cycles; with auto zero on, the A/D also takes a
 * reference and a zero reading of the same length with every reading (up to three times the integration), which
 * auto zero off (or once: refreshed now, then off) saves at the cost of slow drift of the readings. A source-only list
 * (no measure function) has no integration at all, but reads no voltage: a compliance trip is then seen only through
 * the instrument's trip flag after the list, not at the point where it happened.
 *
 * @param nplc           integration time in power-line cycles, 0.01 to 10 (the Keithleys' range)
 * @param autoZero       auto zero: on for every reading, off, or once now and off
 * @param triggerDelayS  delay before each point's source action, s (0 to 999.9999)
 * @param measureInLists whether list points measure (false: a source-only list)
 */
public record SourceTiming(double nplc, AutoZero autoZero, double triggerDelayS, boolean measureInLists) {
    /**
     * Auto zero of the A/D converter: {@code :SYSTem:AZERo} on a 2400, per measure function on a 2450; a B2900 has none
     * (it takes off and once, and refuses on).
     */
    public enum AutoZero {
        ON, OFF, ONCE;

        /** Whether auto zero stays on after this setting (ONCE refreshes once and leaves it off). */
        public boolean staysOn() {
            return this == ON;
        }

        /** The name as a lab-config writes it: {@code on}, {@code off}, {@code once}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final double MIN_NPLC = 0.01;
    public static final double MAX_NPLC = 10;
    public static final double MAX_TRIGGER_DELAY_S = 999.9999;

    public SourceTiming {
        if (autoZero == null) {
            throw new IllegalArgumentException("source timing needs an auto zero setting (on, off or once)");
        }
        if (!(nplc >= MIN_NPLC && nplc <= MAX_NPLC)) {
            throw new IllegalArgumentException("nplc must be " + MIN_NPLC + " to " + MAX_NPLC + " power-line cycles, got "
                    + nplc);
        }
        if (!(triggerDelayS >= 0 && triggerDelayS <= MAX_TRIGGER_DELAY_S)) {
            throw new IllegalArgumentException("trigger delay must be 0 to " + MAX_TRIGGER_DELAY_S + " s, got "
                    + triggerDelayS + " s");
        }
    }

    /** What a Keithley 2400 or 2450 holds after {@code *RST}: 1 NPLC, auto zero on, no trigger delay, measuring. */
    public static SourceTiming instrumentDefaults() {
        return new SourceTiming(1, AutoZero.ON, 0, true);
    }

    /**
     * The fastest setting that still reads the source's voltage at every list point, so a point pinned at the
     * compliance voltage is still caught where it happens: the shortest integration, auto zero refreshed once before
     * the lists and then off, no trigger delay.
     */
    public static SourceTiming fastestMeasuring() {
        return new SourceTiming(MIN_NPLC, AutoZero.ONCE, 0, true);
    }

    /** Whether {@code readBack} (what the instrument reports) is what this setting leaves behind. */
    public boolean matches(SourceTiming readBack) {
        return Math.abs(readBack.nplc - nplc) <= 1e-6 * nplc && readBack.autoZero.staysOn() == autoZero.staysOn()
                && Math.abs(readBack.triggerDelayS - triggerDelayS) <= 1e-6 && readBack.measureInLists == measureInLists;
    }

    /** The setting in words: {@code 0.01 NPLC, auto zero once, trigger delay 0 ms, measuring}. */
    public String describe() {
        return String.format(Locale.ROOT, "%.3g NPLC, auto zero %s, trigger delay %.3g ms, %s", nplc,
                autoZero.configName(), triggerDelayS * 1e3, measureInLists ? "measuring every list point"
                        : "source-only lists");
    }
}
