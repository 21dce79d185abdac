package io.spinloop.emulator.instruments;

import io.spinloop.emulator.time.VirtualClock;

/**
 * What the bench decides for every instrument it builds, whatever its model.
 *
 * @param name          the instrument's name on the bench
 * @param clock         the bench clock
 * @param seed          seed of the instrument's own random stream (its reading and trace noise)
 * @param serialNumber  the unit's serial number, shown in {@code *IDN?}
 * @param enforceLimits whether the real instrument's minimum point and sweep times and widest RBW apply
 */
public record InstrumentSetup(String name, VirtualClock clock, long seed, int serialNumber, boolean enforceLimits) {
}
