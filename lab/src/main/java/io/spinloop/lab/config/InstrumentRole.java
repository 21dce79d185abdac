package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an instrument does on the bench. */
public enum InstrumentRole {
    /** Drives the device current (a SourceMeter). */
    @JsonProperty("source")
    SOURCE,
    /** Measures the emitted RF power (a spectrum analyzer). */
    @JsonProperty("analyzer")
    ANALYZER,
    /** Drives an electromagnet's coil (a bipolar supply such as a Kepco BOP). */
    @JsonProperty("magnet")
    MAGNET,
    /** Reads the field at the device (a gaussmeter such as a Lake Shore 475). */
    @JsonProperty("gaussmeter")
    GAUSSMETER
}
