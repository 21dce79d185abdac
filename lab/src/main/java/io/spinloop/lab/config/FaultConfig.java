package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A fault the emulator injects.
 *
 * @param instrument    the instrument (by name) that misbehaves; for {@code stop-oscillating}, the
 *                      source that drives the device
 * @param kind          {@code drop-connection}, {@code late-reply}, {@code garbled-reply},
 *                      {@code instrument-error}, {@code stop-oscillating} or {@code compliance-trip}
 * @param afterCommands for {@code drop-connection}: messages the instrument answers normally first (the other
 *                      faults strike the next reply, or the device at once)
 */
public record FaultConfig(
        @JsonProperty("instrument") String instrument,
        @JsonProperty("kind") String kind,
        @JsonProperty("after_commands") Integer afterCommands) {

    public FaultConfig {
        afterCommands = afterCommands == null ? 0 : afterCommands;
    }
}
