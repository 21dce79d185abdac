package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One bus controller on the bench, named by the instruments that hang behind it: a Prologix GPIB-ETHERNET
 * ({@code prologix-ethernet}, over TCP) or a Prologix GPIB-USB ({@code prologix-usb}, a USB virtual serial port).
 *
 * @param name     how instruments refer to it ({@code controller: prologix-1})
 * @param kind     {@code prologix-ethernet} or {@code prologix-usb}
 * @param resource where the controller answers: {@code tcp://host:1234}; for a GPIB-USB
 *                 {@code serial:///dev/ttyUSB0} or {@code ASRL/dev/ttyUSB0::INSTR}
 */
public record ControllerConfig(
        @JsonProperty("name") String name,
        @JsonProperty("kind") String kind,
        @JsonProperty("resource") String resource) {

    public static final String PROLOGIX_ETHERNET = "prologix-ethernet";
    public static final String PROLOGIX_USB = "prologix-usb";
}
