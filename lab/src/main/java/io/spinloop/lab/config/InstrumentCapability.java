package io.spinloop.lab.config;

/**
 * What a run may need of an instrument model beyond its ranges. A model without one is still usable for runs that
 * do not need it; a run that does is refused before anything is touched ({@link RunCapabilities}).
 */
public enum InstrumentCapability {
    /** The source reads back the device voltage (the compliance check at every point of a list). */
    VOLTAGE_READBACK("voltage-readback"),
    /** The source plays a list of currents in the instrument, measuring at each point. */
    MEASURED_LIST_SWEEP("measured-list-sweep"),
    /** The source pulses a trigger line at each list point; the analyzer starts a sweep on it. */
    TRIGGER_LINK("trigger-link");

    private final String configName;

    InstrumentCapability(String configName) {
        this.configName = configName;
    }

    /** As messages and docs write it: {@code measured-list-sweep}. */
    public String configName() {
        return configName;
    }
}
