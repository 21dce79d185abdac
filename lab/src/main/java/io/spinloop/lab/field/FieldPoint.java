package io.spinloop.lab.field;

/**
 * A field that was set: what was asked for, what the gaussmeter read, with which magnet current.
 *
 * @param targetT     the field asked for, T
 * @param fieldT      the averaged reading that met the tolerance, T
 * @param currentA    the magnet current that gives it, A
 * @param corrections how many corrections after the first setting it took
 */
public record FieldPoint(double targetT, double fieldT, double currentA, int corrections) {
}
