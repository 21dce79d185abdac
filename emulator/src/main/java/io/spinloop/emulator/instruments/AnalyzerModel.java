package io.spinloop.emulator.instruments;

import java.util.Locale;

/**
 * The built-in spectrum-analyzer models, named for typed callers. What each one is and does lives in its class
 * ({@link KeysightXSeries}, {@link RohdeSchwarzFsv}), registered in {@link InstrumentModels}.
 */
public enum AnalyzerModel {
    /** Keysight EXA signal analyzer. */
    KEYSIGHT_N9010B,
    /** Keysight MXA signal analyzer. */
    KEYSIGHT_N9020B,
    /** Keysight PXA signal analyzer. */
    KEYSIGHT_N9030B,
    /** Rohde &amp; Schwarz FSV signal and spectrum analyzer (FSV-7). */
    RS_FSV,
    /** Rohde &amp; Schwarz FSW signal and spectrum analyzer (FSW-26). */
    RS_FSW;

    /** The registered model of this name. */
    public SpectrumAnalyzer.Model spec() {
        return InstrumentModels.analyzer(name());
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
     * The model named by a plain value: {@code KEYSIGHT_N9030B}, {@code keysight-n9030b}, {@code N9030B},
     * {@code RS_FSV} or {@code FSV}.
     */
    public static AnalyzerModel fromName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (AnalyzerModel m : values()) {
            if (m.name().equals(n) || m.name().endsWith("_" + n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown analyzer model '" + name
                + "'; known: KEYSIGHT_N9010B, KEYSIGHT_N9020B, KEYSIGHT_N9030B, RS_FSV, RS_FSW");
    }
}
