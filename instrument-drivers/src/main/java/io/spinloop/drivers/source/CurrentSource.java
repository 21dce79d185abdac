package io.spinloop.drivers.source;

import io.spinloop.drivers.Identity;
import io.spinloop.drivers.Instrument;
import io.spinloop.drivers.scpi.TrafficLog;
import java.time.Duration;

/**
 * A current source as a physicist uses it to drive a nano-oscillator. All values in SI units (A, V, s).
 *
 * <p>Every implementation callers can obtain enforces its {@link SafetyLimits}: requests beyond them are
 * refused with {@link SafetyLimitException} before anything is sent; every change of current is ramped in
 * steps no larger than {@code maxStep} at no more than {@code maxRampRate}; the output is only switched
 * on at 0 A and only switched off after ramping to 0 A. If any operation fails (instrument error,
 * timeout, dropped connection, compliance trip), the source is ramped to 0 A and its output turned off
 * before the exception reaches the caller; the same happens on {@link #close()} and at JVM shutdown.
 * Methods are thread-safe.
 */
public interface CurrentSource extends Instrument {

    /** The configured name, e.g. {@code smu1}. */
    String name();

    Identity identity();

    SafetyLimits limits();

    /** Switches this instrument's traffic log on (every message, timestamped) or off ({@code null}). */
    void setTrafficLog(TrafficLog log);

    /** Switches the output on at 0 A. Does nothing if it is already on. */
    void outputOn();

    /** Ramps to 0 A, then switches the output off. Does nothing if it is already off. */
    void outputOff();

    /** Whether this process switched the output on (see {@link #readState()} for what the instrument says). */
    boolean isOutputOn();

    /**
     * Asks the instrument for its output state and programmed level, rather than trusting what this process
     * set: after a failure or an interrupted stop, this is what tells whether current may still flow.
     */
    SourceState readState();

    /** Ramps the current to {@code amps} at the largest allowed rate. The output must be on. */
    void setCurrent(double amps);

    /**
     * Ramps the current to {@code amps} at {@code ampsPerSecond} (at most the limit), in steps of at most
     * {@code maxStep}. The output must be on.
     */
    void rampTo(double amps, double ampsPerSecond);

    /** The programmed source current, in A. */
    double current();

    /** Sets the voltage compliance, in V (at most {@code maxComplianceVoltage}). */
    void setComplianceVoltage(double volts);

    /** The voltage compliance, in V. */
    double complianceVoltage();

    /**
     * Measures voltage and current at the present source level. The output must be on.
     *
     * @throws ComplianceTripException if the source is in compliance (the source has been made safe)
     */
    SourceReading measure();

    /** True when the voltage compliance has been reached. */
    boolean complianceTripped();

    /**
     * Runs a source list sweep in the instrument: each current for {@code dwell}, measuring at each point.
     * Refused before sending if any value exceeds {@code maxCurrent}, any step (including the step from the
     * present level to the first value and from the last value back) exceeds {@code maxStep}, any step is
     * faster than {@code maxRampRate}, or the list is longer than the instrument takes. The output must be on.
     *
     * @param triggerOutput pulse the trigger-link line at each step (starts an analyzer's zero-span sweep)
     */
    ListSweepResult runList(double[] currents, Duration dwell, boolean triggerOutput);

    /**
     * How long a point of a list sweep with this {@code dwell} can last, from the instrument's settings: its
     * integration time (NPLC) and line frequency are read from it. For checking a period measured on the bench.
     */
    ListPointTiming listPointTiming(Duration dwell);

    /**
     * Sets the timing settings that decide how long a list point lasts ({@link SourceTiming}: NPLC, auto zero, trigger
     * delay, source-only lists), then reads them back and refuses (making the source safe) if the instrument holds
     * anything else. Changes no current, so the output may be on.
     *
     * @throws UnsupportedOperationException for a model spinloop has no timing commands for
     * @throws IllegalArgumentException      for a setting the model does not have (a source-only list on a 2450, auto
     *                                       zero on a B2900), before anything is sent
     */
    default void applyTiming(SourceTiming timing) {
        throw new UnsupportedOperationException(name() + ": no timing settings");
    }

    /** The timing settings as the instrument reports them. */
    default SourceTiming timing() {
        throw new UnsupportedOperationException(name() + ": no timing settings");
    }

    /** Ramps to 0 A, switches the output off and closes the connection. */
    @Override
    void close();
}
