package io.spinloop.drivers.source;

import io.spinloop.drivers.InstrumentException;
import io.spinloop.drivers.scpi.ReplyFormatException;
import io.spinloop.drivers.scpi.ScpiSession;
import java.time.Duration;

/**
 * Keithley 2450 SourceMeter in its SCPI command set (Reference Manual, section 6). Differs from the 2400 in
 * the compliance ({@code :SOUR:CURR:VLIM}), the list sweep ({@code :SOUR:SWE:CURR:LIST} armed, run by
 * {@code :INIT}, read from {@code defbuffer1}) and the trigger-link output (digital line 1).
 */
final class Keithley2450Driver extends Keithley2400Driver {

    Keithley2450Driver(ScpiSession session) {
        super(session);
        // A 2450 in TSP mode does not speak SCPI at all; say so instead of timing out on every command.
        String lang = session.query("*LANG?").trim();
        if (!lang.equalsIgnoreCase("SCPI")) {
            throw new InstrumentException(session.label() + ": Keithley 2450 is in " + lang
                    + " command set; select SCPI on the front panel (System > Settings > Command Set) and power-cycle it");
        }
    }

    @Override
    public SourceModel model() {
        return SourceModel.KEITHLEY_2450;
    }

    @Override
    public void configureCurrentSource() {
        session.writeChecked(":SOUR:FUNC CURR");
        session.writeChecked(":SENS:FUNC \"VOLT\"");
        configureReadings();
    }

    @Override
    public void configureReadings() {
        // The 2450 reads the measure function into defbuffer1; nothing to format.
    }

    @Override
    public double compliance() {
        return session.queryDouble(":SOUR:CURR:VLIM?");
    }

    @Override
    public void setCompliance(double volts) {
        session.writeChecked(":SOUR:CURR:VLIM " + SourceMeterDriver.nrf(volts));
    }

    @Override
    public boolean complianceTripped() {
        return session.queryBoolean(":SOUR:CURR:VLIM:TRIP?");
    }

    /** One reading into defbuffer1: the measured voltage and the sourced current (the 2450 measures one function). */
    @Override
    public SourceReading measure() {
        double[] r = session.queryDoubles(":READ? \"defbuffer1\",READ,SOUR");
        if (r.length != 2) {
            throw new ReplyFormatException(session.label() + ": ':READ? \"defbuffer1\",READ,SOUR' returned "
                    + r.length + " values, expected voltage,current");
        }
        return new SourceReading(r[0], r[1]);
    }

    @Override
    public ListSweepResult runList(double[] currents, double dwellSeconds, boolean triggerOutput) {
        SourceMeterDriver.loadList(session, currents);
        if (triggerOutput) {
            session.writeChecked(":DIG:LINE1:MODE TRIG,OUT");
        }
        session.writeChecked(":SOUR:SWE:CURR:LIST 1," + SourceMeterDriver.nrf(dwellSeconds));
        session.writeChecked(":INIT");
        session.waitComplete("list sweep of " + currents.length + " points",
                session.timeout().plus(sweepTime(currents.length, dwellSeconds)));
        double[] r = session.queryDoubles(":TRAC:DATA? 1," + currents.length + ",\"defbuffer1\",READ,SOUR");
        if (r.length != 2 * currents.length) {
            throw new ReplyFormatException(session.label() + ": list sweep of " + currents.length
                    + " points returned " + r.length + " values, expected " + 2 * currents.length);
        }
        double[] v = new double[currents.length];
        double[] i = new double[currents.length];
        for (int k = 0; k < currents.length; k++) {
            v[k] = r[2 * k];
            i[k] = r[2 * k + 1];
        }
        return new ListSweepResult(currents.clone(), v, i);
    }

    /**
     * The 2450 sets NPLC and auto zero per measure function ({@code :SENS:VOLT:NPLC}, {@code :SENS:VOLT:AZER}; once is
     * {@code :AZER:ONCE} with auto zero off). Its list sweep's trigger model has no delay before the source action; its
     * equivalent of the trigger delay is the source delay ({@code :SOUR:CURR:DEL}, which turns auto delay off), waited
     * after each source action and before the sweep's delay block (the dwell) and the measurement: the point lasts the
     * same, the measurement settles longer. A source-only list is refused (see {@link #checkTiming}).
     */
    @Override
    public void applyTiming(SourceTiming timing) {
        checkTiming(timing);
        session.writeChecked(":SENS:VOLT:NPLC " + SourceMeterDriver.nrf(timing.nplc()));
        session.writeChecked(":SENS:VOLT:AZER " + (timing.autoZero().staysOn() ? "ON" : "OFF"));
        if (timing.autoZero() == SourceTiming.AutoZero.ONCE) {
            session.writeChecked(":AZER:ONCE");
        }
        session.writeChecked(":SOUR:CURR:DEL " + SourceMeterDriver.nrf(timing.triggerDelayS()));
    }

    /**
     * A 2450 list without its Measure block would source only, but nothing would then see a compliance trip where it
     * happens: the voltage limit's {@code :TRIPped?} reports the present state, which the return to the bias after the
     * list clears, and the sweep's own abort on a limit ({@code failAbort}) belongs to the sweep template, which always
     * measures. So spinloop refuses source-only lists on a 2450, before anything is sent; the fastest 2450 list measures
     * at 0.01 NPLC with auto zero off.
     */
    @Override
    public void checkTiming(SourceTiming timing) {
        if (!timing.measureInLists()) {
            throw new IllegalArgumentException(session.label() + ": the Keithley 2450's list sweep always measures:"
                    + " a source-only list would see no compliance trip; source-only lists are a 2400 and B2900 setting");
        }
    }

    /** The trigger delay is the source delay ({@code :SOUR:CURR:DEL?}, 0 while auto delay is on in the emulator). */
    @Override
    public SourceTiming readTiming() {
        return new SourceTiming(nplc(), session.queryBoolean(":SENS:VOLT:AZER?") ? SourceTiming.AutoZero.ON
                : SourceTiming.AutoZero.OFF, session.queryDouble(":SOUR:CURR:DEL?"), true);
    }

    @Override
    public boolean measuresInLists() {
        return true;
    }

    static Duration sweepTime(int points, double dwellSeconds) {
        return Keithley2400Driver.sweepTime(points, dwellSeconds);
    }
}
