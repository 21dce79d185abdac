package io.spinloop.emulator.instruments;

import java.util.Locale;

/** The current-source models the emulator answers for (SCPI mode). */
public enum SourceModel {
    /** Keithley 2400 SourceMeter: source lists of up to 2500 points (100 per command), 10-entry error queue. */
    KEITHLEY_2400("KEITHLEY INSTRUMENTS INC.", "MODEL 2400", "C33", 10),
    /** Keithley 2450 SourceMeter in SCPI mode: the same lists, reading buffers, {@code *LANG SCPI}. */
    KEITHLEY_2450("KEITHLEY INSTRUMENTS", "MODEL 2450", "1.7.12b", 10);

    private final String maker;
    private final String model;
    private final String firmware;
    private final int errorQueueCapacity;

    SourceModel(String maker, String model, String firmware, int errorQueueCapacity) {
        this.maker = maker;
        this.model = model;
        this.firmware = firmware;
        this.errorQueueCapacity = errorQueueCapacity;
    }

    public String maker() {
        return maker;
    }

    public String model() {
        return model;
    }

    public String firmware() {
        return firmware;
    }

    public int errorQueueCapacity() {
        return errorQueueCapacity;
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
                + "'; known: KEITHLEY_2400, KEITHLEY_2450");
    }
}
