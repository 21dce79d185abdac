package io.spinloop.drivers.source;

import io.spinloop.drivers.scpi.ReplyFormatException;
import io.spinloop.drivers.scpi.ScpiSession;
import java.time.Duration;

/**
 * Keithley 2400 SourceMeter, SCPI as in the 2400 Series User's Manual (chapter 18): current source with
 * voltage compliance ({@code :SENS:VOLT:PROT}), readings as {@code VOLT,CURR} pairs, source lists (100 values per
 * command, appended up to the 2,500 it holds) run by {@code :READ?} with {@code :TRIG:COUN} points; a trip in a
 * source-only list is read from the latched compliance event ({@code :STAT:MEAS?}, bit 14).
 */
class Keithley2400Driver implements SourceMeterDriver {
    protected final ScpiSession session;
    /** Bit B14 of the Measurement Event Register: the source reached its compliance (latched until read). */
    static final int COMPLIANCE_EVENT = 1 << 14;

    Keithley2400Driver(ScpiSession session) {
        this.session = session;
    }

    @Override
    public ScpiSession session() {
        return session;
    }

    @Override
    public SourceModel model() {
        return SourceModel.KEITHLEY_2400;
    }

    @Override
    public boolean sourcesCurrent() {
        return session.query(":SOUR:FUNC?").trim().replace("\"", "").toUpperCase(java.util.Locale.ROOT)
                .startsWith("CURR");
    }

    @Override
    public void configureCurrentSource() {
        session.writeChecked(":SOUR:FUNC CURR");
        session.writeChecked(":SOUR:CURR:MODE FIX");
        session.writeChecked(":SENS:FUNC \"VOLT\",\"CURR\"");
        configureReadings();
    }

    @Override
    public void configureReadings() {
        session.writeChecked(":FORM:ELEM VOLT,CURR");
        session.writeChecked(":TRIG:COUN 1");
    }

    @Override
    public boolean outputState() {
        return session.queryBoolean(":OUTP?");
    }

    @Override
    public void setOutput(boolean on) {
        session.writeChecked(on ? ":OUTP ON" : ":OUTP OFF");
    }

    @Override
    public double level() {
        return session.queryDouble(":SOUR:CURR?");
    }

    @Override
    public void setLevel(double amps) {
        session.writeChecked(":SOUR:CURR " + SourceMeterDriver.nrf(amps));
    }

    @Override
    public double compliance() {
        return session.queryDouble(":SENS:VOLT:PROT?");
    }

    @Override
    public void setCompliance(double volts) {
        session.writeChecked(":SENS:VOLT:PROT " + SourceMeterDriver.nrf(volts));
    }

    @Override
    public boolean complianceTripped() {
        return session.queryBoolean(":SENS:VOLT:PROT:TRIP?");
    }

    @Override
    public SourceReading measure() {
        double[] r = session.queryDoubles(":READ?");
        if (r.length != 2) {
            throw new ReplyFormatException(session.label() + ": ':READ?' returned " + r.length
                    + " values, expected voltage,current (is a list sweep still armed?)");
        }
        return new SourceReading(r[0], r[1]);
    }

    /**
     * Runs the list as one {@code :READ?} of {@code :TRIG:COUN} points. A source-only list reads no voltage, and its
     * return to the bias at the end clears the compliance condition ({@code :TRIPped?}), so a point that reached the
     * compliance would go unseen: the compliance event the 2400 latches in its Measurement Event Register (bit B14,
     * kept until the register is read) tells of it. The register is read once before the list, which clears a trip
     * latched earlier (not this list's), and once after it; a latched compliance fails the list.
     */
    @Override
    public ListSweepResult runList(double[] currents, double dwellSeconds, boolean triggerOutput) {
        boolean sourceOnly = !measuresInLists();
        if (sourceOnly) {
            session.queryInt(":STAT:MEAS?"); // reading the event register clears it
        }
        SourceMeterDriver.loadList(session, currents);
        session.writeChecked(":SOUR:DEL " + SourceMeterDriver.nrf(dwellSeconds));
        session.writeChecked(":TRIG:COUN " + currents.length);
        session.writeChecked(":TRIG:OUTP " + (triggerOutput ? "SOUR" : "NONE"));
        Duration normal = session.timeout();
        RuntimeException failure = null;
        try {
            session.writeChecked(":SOUR:CURR:MODE LIST");
            session.setTimeout(normal.plus(sweepTime(currents.length, dwellSeconds)));
            double[] r = session.queryDoubles(":READ?");
            if (r.length != 2 * currents.length) {
                throw new ReplyFormatException(session.label() + ": list sweep of " + currents.length
                        + " points returned " + r.length + " values, expected " + 2 * currents.length);
            }
            if (sourceOnly && (session.queryInt(":STAT:MEAS?") & COMPLIANCE_EVENT) != 0) {
                throw new ComplianceTripException(label() + ": the voltage compliance was reached during a source-only"
                        + " list of " + currents.length + " points (the compliance event the instrument latched, bit 14"
                        + " of :STAT:MEAS?; no voltage was read, so the point is not known)");
            }
            double[] v = new double[currents.length];
            double[] i = new double[currents.length];
            for (int k = 0; k < currents.length; k++) {
                v[k] = r[2 * k];
                i[k] = r[2 * k + 1];
            }
            return new ListSweepResult(currents.clone(), v, i);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            session.setTimeout(normal);
            try {
                session.writeChecked(":SOUR:CURR:MODE FIX");
                session.writeChecked(":TRIG:OUTP NONE");
                session.writeChecked(":TRIG:COUN 1");
            } catch (RuntimeException restore) {
                // never let the clean-up hide why the sweep failed
                if (failure == null) {
                    throw restore;
                }
                failure.addSuppressed(restore);
            }
        }
    }

    /**
     * NPLC is one setting for every function of the 2400 ({@code :SENS:VOLT:NPLC} sets them all), auto zero is
     * {@code :SYST:AZER ON|OFF|ONCE}, the trigger delay {@code :TRIG:DEL}; a source-only list switches every measure
     * function off ({@code :SENS:FUNC:OFF:ALL}), a measuring one turns voltage and current back on.
     */
    @Override
    public boolean hasTimingSettings() {
        return true;
    }

    @Override
    public void applyTiming(SourceTiming timing) {
        session.writeChecked(":SENS:VOLT:NPLC " + SourceMeterDriver.nrf(timing.nplc()));
        session.writeChecked(":SYST:AZER " + timing.autoZero().name());
        session.writeChecked(":TRIG:DEL " + SourceMeterDriver.nrf(timing.triggerDelayS()));
        session.writeChecked(timing.measureInLists() ? ":SENS:FUNC \"VOLT\",\"CURR\"" : ":SENS:FUNC:OFF:ALL");
    }

    @Override
    public SourceTiming readTiming() {
        return new SourceTiming(nplc(), session.queryBoolean(":SYST:AZER?") ? SourceTiming.AutoZero.ON
                : SourceTiming.AutoZero.OFF, session.queryDouble(":TRIG:DEL?"), measuresInLists());
    }

    @Override
    public boolean measuresInLists() {
        return !session.query(":SENS:FUNC?").replace("\"", "").isBlank();
    }

    /**
     * Time the instrument needs for a list: per point the dwell plus a measurement (1 NPLC is 20 ms at 50 Hz)
     * and its overhead, with margin.
     */
    static Duration sweepTime(int points, double dwellSeconds) {
        return Duration.ofNanos((long) (points * (dwellSeconds + 25e-3) * 1.5e9));
    }
}
