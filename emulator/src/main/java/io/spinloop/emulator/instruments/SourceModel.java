package io.spinloop.emulator.instruments;

import java.util.Locale;

/**
 * The built-in current-source models (SCPI mode), named for typed callers. What each one is and does lives in
 * its class ({@link Keithley2400}, {@link Keithley2450}), registered in {@link InstrumentModels}.
 */
public enum SourceModel {
    /** Keithley 2400 SourceMeter: source lists of up to 2500 points (100 per command), 10-entry error queue. */
    KEITHLEY_2400,
    /** Keithley 2450 SourceMeter in SCPI mode: the same lists, reading buffers, {@code *LANG SCPI}. */
    KEITHLEY_2450,
    /** Keithley 6221 current source: sources with a voltage compliance, measures nothing. */
    KEITHLEY_6221,
    /** Keysight B2901A source/measure unit, one channel. */
    KEYSIGHT_B2901A,
    /** Keysight B2902A source/measure unit, two channels. */
    KEYSIGHT_B2902A;

    /** The registered model of this name. */
    public SourceMeter.Model spec() {
        return InstrumentModels.sourceMeter(name());
    }

    public String maker() {
        return spec().identity().maker();
    }

    public String model() {
        return spec().identity().model();
    }

    public String firmware() {
        return spec().identity().firmware();
    }

    /**
     * The model named by a plain value, as a config file would write it: {@code KEITHLEY_2400},
     * {@code keithley-2400}, {@code Keithley 2400} or just {@code 2400}.
     */
    public static SourceModel fromName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (SourceModel m : values()) {
            if (m.name().equals(n) || m.name().endsWith("_" + n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown current-source model '" + name
                + "'; known: KEITHLEY_2400, KEITHLEY_2450, KEITHLEY_6221,"
                + " KEYSIGHT_B2901A, KEYSIGHT_B2902A");
    }
}
