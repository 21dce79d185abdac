package io.spinloop.emulator.time;

/** How the emulated bench spends time. */
public enum Timing {
    /**
     * Operations that take time on a real bench (list sweeps, analyzer sweeps) complete at once; the bench clock
     * jumps forward by their duration. Between operations the clock runs with the wall clock, so software ramps
     * with real pauses keep their real timing.
     */
    VIRTUAL,
    /** The bench clock is the wall clock: a 1 s sweep takes 1 s, for latency-sensitive tests. */
    REAL_TIME
}
