package io.spinloop.drivers.source;

import io.spinloop.drivers.scpi.ScpiSession;

/**
 * The raw SCPI of one source-meter model: no limits, no ramps. Package-private on purpose: only
 * {@link SafeCurrentSource} holds one, so callers cannot reach the instrument around the safety rules.
 */
interface SourceMeterDriver {

    ScpiSession session();

    /** The configured name of the source this driver drives (a channel of a shared unit has its own). */
    default String name() {
        return session().name();
    }

    /** {@code name (resource)}, the way every error message names the source. */
    default String label() {
        return name() + " (" + session().resource() + ")";
    }

    SourceModel model();

    /** True if the instrument is sourcing current (not voltage). */
    boolean sourcesCurrent();

    /** Selects current sourcing and voltage measurement; only called with the output off. */
    void configureCurrentSource();

    /** Settings that are safe with the output on (reading format, trigger count). */
    void configureReadings();

    boolean outputState();

    void setOutput(boolean on);

    /** The programmed source level, in A. */
    double level();

    /** Sets the source level in one step, in A, and checks the error queue. */
    void setLevel(double amps);

    double compliance();

    void setCompliance(double volts);

    boolean complianceTripped();

    SourceReading measure();

    /** Runs a list sweep (values already checked against the limits); waits at most {@code timeoutMillis}. */
    ListSweepResult runList(double[] currents, double dwellSeconds, boolean triggerOutput);

    /**
     * The integration time of a reading, in power-line cycles. Both Keithleys answer this for the voltage function
     * the drivers measure (the 2400's NPLC is one setting for all its functions).
     */
    default double nplc() {
        return session().queryDouble(":SENS:VOLT:NPLC?");
    }

    /** The power-line frequency the instrument integrates against, Hz (both Keithleys: {@code :SYST:LFR?}). */
    default double lineFrequency() {
        return session().queryDouble(":SYST:LFR?");
    }

    /** Whether this driver has the timing commands of {@link #applyTiming} (the Keithleys do). */
    default boolean hasTimingSettings() {
        return false;
    }

    /**
     * Sets the timing settings ({@link SourceTiming}); changes no current. A model spinloop has no timing commands for
     * refuses, naming itself.
     */
    default void applyTiming(SourceTiming timing) {
        throw new UnsupportedOperationException(label() + ": spinloop has no timing settings for the "
                + model().displayName());
    }

    /**
     * Refuses, with {@link IllegalArgumentException} and before anything is sent, a timing setting the model does not
     * have (the B2900's auto zero); called before {@link #applyTiming}. Models with every setting accept all.
     */
    default void checkTiming(SourceTiming timing) {
    }

    /** The timing settings as the instrument reports them (auto zero ON or OFF: ONCE leaves it off). */
    default SourceTiming readTiming() {
        throw new UnsupportedOperationException(label() + ": spinloop has no timing settings for the "
                + model().displayName());
    }

    /** Whether list points measure (false after a source-only setting); models without the setting always do. */
    default boolean measuresInLists() {
        return true;
    }

    /** Formats a value for the wire: shortest exact decimal, which every SCPI parser accepts as NRf. */
    static String nrf(double v) {
        return Double.toString(v);
    }

    /** Joins {@code values[from..to)} for a SCPI list parameter. */
    static String nrfList(double[] values, int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) * 10);
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(',');
            }
            sb.append(values[i]);
        }
        return sb.toString();
    }

    /** Both Keithleys take at most 100 values per list command; longer lists are appended in chunks. */
    int LIST_CHUNK = 100;

    /** Loads a source list: {@code :SOUR:LIST:CURR} with the first 100 values, {@code :APP} for the rest. */
    static void loadList(ScpiSession session, double[] currents) {
        for (int from = 0; from < currents.length; from += LIST_CHUNK) {
            int to = Math.min(currents.length, from + LIST_CHUNK);
            session.writeChecked((from == 0 ? ":SOUR:LIST:CURR " : ":SOUR:LIST:CURR:APP ")
                    + nrfList(currents, from, to));
        }
    }
}
