package io.spinloop.drivers.source;

/** The current sources spinloop has drivers for. */
public enum SourceModel {
    /** Keithley 2400 SourceMeter (SCPI over GPIB, RS-232 or a LAN bridge). */
    KEITHLEY_2400("Keithley 2400", 2500, true),
    /** Keithley 2450 SourceMeter in SCPI command set ({@code *LANG SCPI}). */
    KEITHLEY_2450("Keithley 2450", 2500, true),
    /**
     * Keithley 6221 DC and AC current source: sources with a voltage compliance but measures nothing (the 6220/6221
     * Reference Manual pairs it with a 2182A nanovoltmeter for that), so no readings and no measured list sweeps.
     */
    KEITHLEY_6221("Keithley 6221", 65536, false),
    /** Keysight B2901A precision source/measure unit, one channel, channel-numbered SCPI. */
    KEYSIGHT_B2901A("Keysight B2901A", 100000, true, 1),
    /** Keysight B2902A precision source/measure unit, two channels, channel-numbered SCPI. */
    KEYSIGHT_B2902A("Keysight B2902A", 100000, true, 2);

    private final String displayName;
    private final int maxListPoints;
    private final boolean measuresVoltage;
    private final int channels;

    SourceModel(String displayName, int maxListPoints, boolean measuresVoltage) {
        this(displayName, maxListPoints, measuresVoltage, 1);
    }

    SourceModel(String displayName, int maxListPoints, boolean measuresVoltage, int channels) {
        this.displayName = displayName;
        this.maxListPoints = maxListPoints;
        this.measuresVoltage = measuresVoltage;
        this.channels = channels;
    }

    /** Source channels of the instrument (numbered from 1). */
    public int channels() {
        return channels;
    }

    /**
     * Whether the instrument reads back the voltage across the device: what {@link CurrentSource#measure()} and a
     * list sweep's compliance check at every point need.
     */
    public boolean measuresVoltage() {
        return measuresVoltage;
    }

    public String displayName() {
        return displayName;
    }

    /** Largest source list the instrument holds (sent 100 values per command, the rest appended). */
    public int maxListPoints() {
        return maxListPoints;
    }
}
