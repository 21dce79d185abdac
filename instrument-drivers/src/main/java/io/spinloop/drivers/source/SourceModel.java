package io.spinloop.drivers.source;

/** The current sources spinloop has drivers for. */
public enum SourceModel {
    /** Keithley 2400 SourceMeter (SCPI over GPIB, RS-232 or a LAN bridge). */
    KEITHLEY_2400("Keithley 2400", 2500),
    /** Keithley 2450 SourceMeter in SCPI command set ({@code *LANG SCPI}). */
    KEITHLEY_2450("Keithley 2450", 2500);

    private final String displayName;
    private final int maxListPoints;

    SourceModel(String displayName, int maxListPoints) {
        this.displayName = displayName;
        this.maxListPoints = maxListPoints;
    }

    public String displayName() {
        return displayName;
    }

    /** Largest source list the instrument holds (sent 100 values per command, the rest appended). */
    public int maxListPoints() {
        return maxListPoints;
    }
}
