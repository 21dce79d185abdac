package io.spinloop.drivers.source;

import io.spinloop.drivers.scpi.ScpiSession;

/**
 * Keithley 6221 current source, SCPI as in the Model 6220/6221 Reference Manual: the level
 * ({@code :SOUR:CURR}), the voltage compliance ({@code :SOUR:CURR:COMP}) and the output ({@code :OUTP}). It is a
 * current source only and measures nothing, so a compliance trip is read from bit 3 (Compliance) of the
 * measurement condition register ({@code :STAT:MEAS:COND?}), and readings and measured list sweeps are refused
 * ({@link SourceModel#measuresVoltage()} is false; {@link SafeCurrentSource} refuses them before sending).
 */
final class Keithley6221Driver implements SourceMeterDriver {
    /** Bit 3 of the measurement event registers: the output is in compliance. */
    private static final int COMPLIANCE_BIT = 1 << 3;

    private final ScpiSession session;

    Keithley6221Driver(ScpiSession session) {
        this.session = session;
    }

    @Override
    public ScpiSession session() {
        return session;
    }

    @Override
    public SourceModel model() {
        return SourceModel.KEITHLEY_6221;
    }

    /** The 6221 sources nothing but current. */
    @Override
    public boolean sourcesCurrent() {
        return true;
    }

    @Override
    public void configureCurrentSource() {
        session.writeChecked(":SOUR:CURR:RANG:AUTO ON");
    }

    @Override
    public void configureReadings() {
        // no readings to format
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
        return session.queryDouble(":SOUR:CURR:COMP?");
    }

    @Override
    public void setCompliance(double volts) {
        session.writeChecked(":SOUR:CURR:COMP " + SourceMeterDriver.nrf(volts));
    }

    @Override
    public boolean complianceTripped() {
        return (session.queryInt(":STAT:MEAS:COND?") & COMPLIANCE_BIT) != 0;
    }

    @Override
    public SourceReading measure() {
        throw SafeCurrentSource.noVoltageReadback(session.label(), model(), "measure");
    }

    @Override
    public ListSweepResult runList(double[] currents, double dwellSeconds, boolean triggerOutput) {
        throw SafeCurrentSource.noVoltageReadback(session.label(), model(), "run a measured list sweep");
    }

    @Override
    public double nplc() {
        throw SafeCurrentSource.noVoltageReadback(session.label(), model(), "time a measured list sweep");
    }
}
