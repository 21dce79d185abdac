package io.spinloop.drivers.analyzer;

/**
 * A marker reading.
 *
 * @param frequencyHz where the marker is, in Hz
 * @param powerDbm    the level there, in dBm
 */
public record Marker(double frequencyHz, double powerDbm) {
}
