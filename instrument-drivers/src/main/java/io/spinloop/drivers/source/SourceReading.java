package io.spinloop.drivers.source;

/**
 * One reading of a current source.
 *
 * @param voltage voltage measured across the device, in V
 * @param current current through the device, in A
 */
public record SourceReading(double voltage, double current) {
}
