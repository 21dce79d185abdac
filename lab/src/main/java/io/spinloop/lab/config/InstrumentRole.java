package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an instrument does on the bench. */
public enum InstrumentRole {
    /** Drives the device current (a SourceMeter). */
    @JsonProperty("source")
    SOURCE,
    /** Measures the emitted RF power (a spectrum analyzer). */
    @JsonProperty("analyzer")
    ANALYZER
}
