package io.spinloop.emulator.instruments;

/**
 * One change of what a magnet supply was told, as the emulator recorded it: the state after the change, at its bench
 * time, with the coil current then. Tests use the record to prove the magnet safety rules (steps within the ramp
 * limit, at 0 A with the output off after a failure).
 *
 * @param time        bench time, seconds since the bench started
 * @param cause       what changed
 * @param level       the programmed current, A
 * @param outputOn    whether the output is on
 * @param coilCurrent the current in the coil at that moment, A (it lags the programmed one by L/R)
 */
public record MagnetEvent(double time, Cause cause, double level, boolean outputOn, double coilCurrent) {
    /** What made the state change. */
    public enum Cause {
        POWER_ON,
        RESET,
        LEVEL,
        OUTPUT,
        FUNCTION,
        /** The supply's protection tripped (an injected fault); the output stays on until told otherwise. */
        TRIP
    }
}
