package io.spinloop.emulator.instruments;

/** The external trigger input of an instrument, wired to a source's trigger-link output. */
public interface TriggerInput {
    /** Trigger pulses arrive at these increasing bench times ({@code times[0..n)}). */
    void pulses(double[] times, int n);
}
