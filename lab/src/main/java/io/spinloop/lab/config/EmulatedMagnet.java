package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One emulated electromagnet, under {@code emulator.magnets.<magnet name>}; absent values take the emulator's
 * small lab magnet (50 mT/A, L/R = 20 ms, 0.5 mT remanence over 0.5 A).
 *
 * @param teslaPerA    field per coil current, T/A
 * @param timeConstantS the coil's L/R, s
 * @param remanenceT   field the yoke keeps at 0 A after a large excursion, T
 * @param playA        current excursion over which the remanence saturates, A
 */
public record EmulatedMagnet(
        @JsonProperty("tesla_per_A") Double teslaPerA,
        @JsonProperty("time_constant_s") Double timeConstantS,
        @JsonProperty("remanence_T") Double remanenceT,
        @JsonProperty("play_A") Double playA) {
}
