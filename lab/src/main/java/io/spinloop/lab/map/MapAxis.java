package io.spinloop.lab.map;

/**
 * One quantity a map sets at each of its points (drive current, magnetic field, ...). Setting goes through the
 * instrument's own safety rules (limits, ramps); {@link #safeZero()} is what every run ends with.
 */
public interface MapAxis {
    /** Name stored with the map, e.g. {@code current}. */
    String name();

    /** Unit of the values, e.g. {@code A}. */
    String unit();

    /** Brings the quantity to {@code value}, within the instrument's limits and ramp rates. */
    void set(double value);

    /** The value read back from the instrument (or the last set, where nothing can be read). */
    double readBack();

    /** Brings the quantity to zero as safely as the instrument allows; never throws. */
    void safeZero();
}
