package io.spinloop.drivers.source;

import io.spinloop.drivers.scpi.ReplyFormatException;
import io.spinloop.drivers.scpi.ScpiSession;
import java.time.Duration;
import java.util.Locale;

/**
 * Keysight B2901A/B2902A precision source/measure unit, SCPI as in the B2900 SCPI Command Reference: every
 * channel-bound command carries its channel number ({@code :SOUR2:CURR}, {@code :OUTP2}, {@code :SENS2:VOLT:PROT}),
 * every measurement names its channel list ({@code :MEAS? (@2)}). A list runs in the channel's trigger model:
 * {@code :SOURn:CURR:MODE LIST} with {@code :SOURn:LIST:CURR} (100 values per command, the rest appended), a
 * transient delay per point, {@code :TRIGn:COUN} points, started by {@code :INIT (@n)}; the trigger-link output is
 * a pulse on the digital I/O at each transient ({@code :TRIGn:TRAN:TOUT}). Readings come back as
 * {@code VOLT,CURR} ({@code :FORM:ELEM:SENS}).
 */
final class KeysightB2900Driver implements SourceMeterDriver {
    private final ScpiSession session;
    private final SourceModel model;
    private final int channel;
    private final String sour;
    private final String sens;
    private final String trig;
    private final String channelList;
    /** The channel's configured name: the unit's session may have been opened under the other channel's. */
    private final String name;

    KeysightB2900Driver(ScpiSession session, SourceModel model, int channel) {
        this(session, model, channel, session.name());
    }

    KeysightB2900Driver(ScpiSession session, SourceModel model, int channel, String name) {
        this.session = session;
        this.name = name;
        this.model = model;
        this.channel = channel;
        this.sour = ":SOUR" + channel;
        this.sens = ":SENS" + channel;
        this.trig = ":TRIG" + channel;
        this.channelList = " (@" + channel + ")";
    }

    @Override
    public ScpiSession session() {
        return session;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceModel model() {
        return model;
    }

    /** The channel this driver sources on (from 1). */
    int channel() {
        return channel;
    }

    @Override
    public boolean sourcesCurrent() {
        return session.query(sour + ":FUNC:MODE?").trim().replace("\"", "").toUpperCase(Locale.ROOT)
                .startsWith("CURR");
    }

    @Override
    public void configureCurrentSource() {
        session.writeChecked(sour + ":FUNC:MODE CURR");
        session.writeChecked(sour + ":CURR:MODE FIX");
        session.writeChecked(sens + ":FUNC \"VOLT\",\"CURR\"");
        configureReadings();
    }

    @Override
    public void configureReadings() {
        session.writeChecked(":FORM:ELEM:SENS VOLT,CURR");
        session.writeChecked(trig + ":COUN 1");
    }

    @Override
    public boolean outputState() {
        return session.queryBoolean(":OUTP" + channel + "?");
    }

    @Override
    public void setOutput(boolean on) {
        session.writeChecked(":OUTP" + channel + (on ? " ON" : " OFF"));
    }

    @Override
    public double level() {
        return session.queryDouble(sour + ":CURR?");
    }

    @Override
    public void setLevel(double amps) {
        session.writeChecked(sour + ":CURR " + SourceMeterDriver.nrf(amps));
    }

    @Override
    public double compliance() {
        return session.queryDouble(sens + ":VOLT:PROT?");
    }

    @Override
    public void setCompliance(double volts) {
        session.writeChecked(sens + ":VOLT:PROT " + SourceMeterDriver.nrf(volts));
    }

    @Override
    public boolean complianceTripped() {
        return session.queryBoolean(sens + ":VOLT:PROT:TRIP?");
    }

    @Override
    public SourceReading measure() {
        double[] r = session.queryDoubles(":MEAS?" + channelList);
        if (r.length != 2) {
            throw new ReplyFormatException(label() + ": ':MEAS?" + channelList + "' returned " + r.length
                    + " values, expected voltage,current");
        }
        return new SourceReading(r[0], r[1]);
    }

    @Override
    public ListSweepResult runList(double[] currents, double dwellSeconds, boolean triggerOutput) {
        for (int from = 0; from < currents.length; from += LIST_CHUNK) {
            int to = Math.min(currents.length, from + LIST_CHUNK);
            session.writeChecked(sour + (from == 0 ? ":LIST:CURR " : ":LIST:CURR:APP ")
                    + SourceMeterDriver.nrfList(currents, from, to));
        }
        session.writeChecked(trig + ":TRAN:DEL " + SourceMeterDriver.nrf(dwellSeconds));
        session.writeChecked(trig + ":COUN " + currents.length);
        if (triggerOutput) {
            session.writeChecked(trig + ":TRAN:TOUT:SIGN EXT1");
        }
        session.writeChecked(trig + ":TRAN:TOUT " + (triggerOutput ? "ON" : "OFF"));
        RuntimeException failure = null;
        try {
            session.writeChecked(sour + ":CURR:MODE LIST");
            session.writeChecked(":INIT" + channelList);
            session.waitComplete("list sweep of " + currents.length + " points on channel " + channel,
                    session.timeout().plus(sweepTime(currents.length, dwellSeconds)));
            double[] v = session.queryDoubles(":FETC:ARR:VOLT?" + channelList);
            double[] i = session.queryDoubles(":FETC:ARR:CURR?" + channelList);
            if (v.length != currents.length || i.length != currents.length) {
                throw new ReplyFormatException(label() + ": list sweep of " + currents.length
                        + " points on channel " + channel + " returned " + v.length + " voltages and " + i.length
                        + " currents");
            }
            return new ListSweepResult(currents.clone(), v, i);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            try {
                session.writeChecked(sour + ":CURR:MODE FIX");
                session.writeChecked(trig + ":TRAN:TOUT OFF");
                session.writeChecked(trig + ":COUN 1");
            } catch (RuntimeException restore) {
                // never let the clean-up hide why the sweep failed
                if (failure == null) {
                    throw restore;
                }
                failure.addSuppressed(restore);
            }
        }
    }

    @Override
    public double nplc() {
        return session.queryDouble(sens + ":VOLT:NPLC?");
    }

    /** Per point the dwell plus a measurement at 1 NPLC and its overhead, with margin (as for the 2400). */
    static Duration sweepTime(int points, double dwellSeconds) {
        return Keithley2400Driver.sweepTime(points, dwellSeconds);
    }
}
