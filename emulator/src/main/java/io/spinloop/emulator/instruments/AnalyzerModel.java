package io.spinloop.emulator.instruments;

import java.util.Locale;

/** The spectrum-analyzer models the emulator answers for. */
public enum AnalyzerModel {
    /** Keysight EXA signal analyzer. */
    KEYSIGHT_N9010B("Keysight Technologies", "N9010B", "A.33.03", 26.5e9, 8e6, 1, 40001, 1001),
    /** Keysight MXA signal analyzer. */
    KEYSIGHT_N9020B("Keysight Technologies", "N9020B", "A.33.03", 26.5e9, 8e6, 1, 40001, 1001),
    /** Keysight PXA signal analyzer. */
    KEYSIGHT_N9030B("Keysight Technologies", "N9030B", "A.33.03", 26.5e9, 8e6, 1, 40001, 1001),
    /** Rohde &amp; Schwarz FSV signal and spectrum analyzer (FSV-7). */
    RS_FSV("Rohde&Schwarz", "FSV-7", "3.40", 7e9, 10e6, 101, 32001, 691);

    private final String maker;
    private final String model;
    private final String firmware;
    private final double maxFrequency;
    private final double maxRbw;
    private final int minPoints;
    private final int maxPoints;
    private final int defaultPoints;

    AnalyzerModel(String maker, String model, String firmware, double maxFrequency, double maxRbw, int minPoints,
                  int maxPoints, int defaultPoints) {
        this.maker = maker;
        this.model = model;
        this.firmware = firmware;
        this.maxFrequency = maxFrequency;
        this.maxRbw = maxRbw;
        this.minPoints = minPoints;
        this.maxPoints = maxPoints;
        this.defaultPoints = defaultPoints;
    }

    public boolean isKeysight() {
        return this != RS_FSV;
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

    /** Highest frequency, Hz. */
    public double maxFrequency() {
        return maxFrequency;
    }

    /** Widest resolution bandwidth, Hz. */
    public double maxRbw() {
        return maxRbw;
    }

    public int minPoints() {
        return minPoints;
    }

    public int maxPoints() {
        return maxPoints;
    }

    public int defaultPoints() {
        return defaultPoints;
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
                + "'; known: KEYSIGHT_N9010B, KEYSIGHT_N9020B, KEYSIGHT_N9030B, RS_FSV");
    }
}
