package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One instrument on the bench.
 *
 * @param name        how devices and commands refer to it
 * @param role        source or analyzer
 * @param model       {@code auto} (pick the driver from {@code *IDN?}) or a driver name such as {@code keithley-2400}
 * @param resource    where it answers: {@code tcp://host:port} or {@code serial:///dev/ttyUSB0?baud=9600&parity=none}, or a
 *                    VISA resource; behind a controller, absent or {@code GPIB0::n::INSTR}
 * @param controller  the controller (of {@code controllers:}) the instrument hangs behind, or null
 * @param gpibAddress its primary GPIB address behind that controller (0..30), instead of a GPIB resource
 * @param timeouts    connect and read timeouts
 * @param terminator  message terminator on the wire, both ways: {@code lf} (SCPI sockets), {@code cr} or {@code crlf}
 * @param trafficLog  log every SCPI message with a timestamp
 * @param timing      a source's timing settings, set when the bench opens it ({@link SourceTimingConfig}), or null to
 *                    leave the instrument's own
 * @param channel     the source channel (1, or 2 on a two-channel source such as the Keysight B2902A); two devices
 *                    on two channels of one source are two instruments with the same resource
 */
public record InstrumentConfig(
        @JsonProperty("name") String name,
        @JsonProperty("role") InstrumentRole role,
        @JsonProperty("model") String model,
        @JsonProperty("resource") String resource,
        @JsonProperty("controller") String controller,
        @JsonProperty("gpib_address") Integer gpibAddress,
        @JsonProperty("timeouts") Timeouts timeouts,
        @JsonProperty("terminator") String terminator,
        @JsonProperty("traffic_log") Boolean trafficLog,
        @JsonProperty("timing") SourceTimingConfig timing,
        @JsonProperty("channel") Integer channel) {

    public static final String AUTO = "auto";

    public InstrumentConfig {
        model = model == null ? AUTO : model;
        timeouts = timeouts == null ? Timeouts.defaults() : timeouts;
        terminator = terminator == null ? "lf" : terminator;
        trafficLog = trafficLog != null && trafficLog;
        channel = channel == null ? 1 : channel;
    }

    /** An instrument without a {@code timing:} block. */
    public InstrumentConfig(String name, InstrumentRole role, String model, String resource, String controller,
                            Integer gpibAddress, Timeouts timeouts, String terminator, Boolean trafficLog) {
        this(name, role, model, resource, controller, gpibAddress, timeouts, terminator, trafficLog, null, null);
    }

    public boolean autoModel() {
        return AUTO.equalsIgnoreCase(model);
    }

    /** True when the instrument is reached through a bus controller rather than on its own resource. */
    public boolean behindController() {
        return controller != null;
    }

    /** The same instrument at another address (used when an emulated bench runs on ephemeral ports). */
    public InstrumentConfig withResource(String newResource) {
        return new InstrumentConfig(name, role, model, newResource, null, null, timeouts, terminator, trafficLog,
                timing, channel);
    }
}
