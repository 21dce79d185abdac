package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One bus controller on the bench, named by the instruments that hang behind it. Only a Prologix GPIB-ETHERNET
 * ({@code prologix-ethernet}) exists so far; a GPIB-USB one would be a {@code serial://} resource.
 *
 * @param name     how instruments refer to it ({@code controller: prologix-1})
 * @param kind     {@code prologix-ethernet}
 * @param resource where the controller answers: {@code tcp://host:1234}
 */
public record ControllerConfig(
        @JsonProperty("name") String name,
        @JsonProperty("kind") String kind,
        @JsonProperty("resource") String resource) {

    public static final String PROLOGIX_ETHERNET = "prologix-ethernet";
}
