package io.spinloop.lab;

/**
 * How a measurement run ended.
 *
 * @param planned  points (sweep currents, or sequence repeats) the run set out to measure
 * @param done     points measured and safely recorded
 * @param stopped  true when Ctrl-C / SIGTERM asked the run to stop early
 * @param failure  what ended the run early (an instrument that died, a safety refusal), or null
 * @param seconds  wall-clock duration of the measuring loop
 */
public record RunOutcome(int planned, int done, boolean stopped, Throwable failure, double seconds) {
    public boolean completed() {
        return done == planned && failure == null && !stopped;
    }

    /** Points per second of the measuring loop. */
    public double rate() {
        return seconds > 0 ? done / seconds : 0;
    }
}
