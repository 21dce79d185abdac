package io.spinloop.drivers.analyzer;

/** The spectrum analyzers spinloop has drivers for. */
public enum AnalyzerModel {
    /** Keysight X-series signal analyzers N9010A/B (EXA), N9020A/B (MXA), N9030A/B (PXA). */
    KEYSIGHT_X_SERIES("Keysight X-series"),
    /** Rohde &amp; Schwarz FSV (FSV-3/7/13/30/40) and the FSVA/FSV3000 family. */
    RS_FSV("Rohde & Schwarz FSV"),
    /** Rohde &amp; Schwarz FSW (FSW-8/13/26/43/50/67/85) in its Spectrum application. */
    RS_FSW("Rohde & Schwarz FSW");

    private final String displayName;

    AnalyzerModel(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
