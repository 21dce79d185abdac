package io.spinloop.drivers.field;

import io.spinloop.drivers.Instrument;

/**
 * A bipolar supply driving an electromagnet, as the field controller uses it. SI units (A, V, s).
 *
 * <p>Every implementation callers can obtain enforces its {@link MagnetLimits}: a current beyond
 * {@code maxCurrent} is refused before anything is sent; every change of current is ramped in steps of at most
 * {@code maxStep} at no more than {@code maxRampRate}, from the level read back from the supply; the output is
 * only switched on at 0 A and only switched off after ramping to 0 A. On any failure (supply trip, instrument
 * error, timeout, dropped link) the supply is ramped to 0 A at the rate limit and its output switched off
 * before the exception reaches the caller; the same on {@link #close()} and at JVM exit or Ctrl-C. Thread-safe.
 */
public interface MagnetSupply extends Instrument {

    MagnetLimits limits();

    /** Switches the output on at 0 A (current mode). Does nothing if it is on. */
    void outputOn();

    /** Whether this process has the output on. */
    boolean isOutputOn();

    /** Ramps the coil current to {@code amps} at the rate limit. The output must be on. */
    void setCurrent(double amps);

    /** The programmed current, A (what this process last set). */
    double current();

    /** The current the supply measures in the coil, A (it lags the programmed one by the coil's L/R). */
    double measuredCurrent();

    /**
     * Ramps to 0 A at the rate limit and switches the output off, whatever happened before (also when a failure
     * elsewhere, such as a gaussmeter that stopped answering, ends a run). Never leaves current flowing if the
     * supply can be reached.
     */
    void rampToZero();

    /** Ramps to 0 A, switches the output off and closes the connection. */
    @Override
    void close();
}
