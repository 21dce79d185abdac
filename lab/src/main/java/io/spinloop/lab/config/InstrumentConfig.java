package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One instrument on the bench.
 *
 * @param name        how devices and commands refer to it
 * @param role        source or analyzer
 * @param model       {@code auto} (pick the driver from {@code *IDN?}) or a driver name such as {@code keithley-2400}
 * @param resource    where it answers: {@code tcp://host:port} or {@code serial:///dev/ttyUSB0?baud=9600&parity=none}
 * @param timeouts    connect and read timeouts
 * @param terminator  message terminator on the wire, both ways: {@code lf} (SCPI sockets), {@code cr} or {@code crlf}
 * @param trafficLog  log every SCPI message with a timestamp
 */
public record InstrumentConfig(
        @JsonProperty("name") String name,
        @JsonProperty("role") InstrumentRole role,
        @JsonProperty("model") String model,
        @JsonProperty("resource") String resource,
        @JsonProperty("timeouts") Timeouts timeouts,
        @JsonProperty("terminator") String terminator,
        @JsonProperty("traffic_log") Boolean trafficLog) {

    public static final String AUTO = "auto";

    public InstrumentConfig {
        model = model == null ? AUTO : model;
        timeouts = timeouts == null ? Timeouts.defaults() : timeouts;
        terminator = terminator == null ? "lf" : terminator;
        trafficLog = trafficLog != null && trafficLog;
    }

    public boolean autoModel() {
        return AUTO.equalsIgnoreCase(model);
    }

    /** The same instrument at another address (used when an emulated bench runs on ephemeral ports). */
    public InstrumentConfig withResource(String newResource) {
        return new InstrumentConfig(name, role, model, newResource, timeouts, terminator, trafficLog);
    }
}
