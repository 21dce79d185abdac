package io.spinloop.emulator.instruments;

/**
 * One change of what a current source was told to do, as the emulator recorded it: the state after the change,
 * at its bench time. Tests use the history to prove safety rules (no step above a ramp limit, output off
 * after a failure).
 *
 * @param time bench time of the change, seconds since the bench started
 * @param cause what changed
 * @param function the source function in force, {@code CURR} or {@code VOLT}
 * @param level the programmed level (amperes for CURR, volts for VOLT)
 * @param outputOn whether the output is on
 * @param flowingCurrent the current actually flowing through the terminals (0 when off; limited in compliance)
 */
public record SourceEvent(double time, Cause cause, String function, double level, boolean outputOn,
                          double flowingCurrent) {
    /** What made the state change. */
    public enum Cause {
        /** The instrument powered on (bench start or power-cycle fault). */
        POWER_ON,
        /** {@code *RST} or an abort restored the defaults. */
        RESET,
        /** The programmed level changed. */
        LEVEL,
        /** The output was switched on or off. */
        OUTPUT,
        /** The source function changed. */
        FUNCTION,
        /** A point of a list sweep (or of a triggered reading) was sourced. */
        SWEEP_STEP,
        /** A sweep ended and the output went back to its programmed level. */
        SWEEP_END
    }
}
