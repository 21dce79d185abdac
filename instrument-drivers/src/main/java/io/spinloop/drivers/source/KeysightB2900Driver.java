package io.spinloop.drivers.source;

import io.spinloop.drivers.InstrumentException;
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

    /**
     * One trigger starts a point's source (transient) and measure (acquire) actions together: the level changes after
     * the transient delay (the timing's trigger delay, set by {@link #applyTiming}), so the acquire delay is that plus
     * the dwell, which is the settling time before the measurement. A source-only list runs the transient alone
     * ({@code :INIT:TRAN}), paced by the transient timer at trigger delay + dwell per point, with the output
     * protection on (set with the timing): a point that reaches compliance switches the output off there.
     */
    @Override
    public ListSweepResult runList(double[] currents, double dwellSeconds, boolean triggerOutput) {
        for (int from = 0; from < currents.length; from += LIST_CHUNK) {
            int to = Math.min(currents.length, from + LIST_CHUNK);
            session.writeChecked(sour + (from == 0 ? ":LIST:CURR " : ":LIST:CURR:APP ")
                    + SourceMeterDriver.nrfList(currents, from, to));
        }
        double triggerDelay = session.queryDouble(trig + ":TRAN:DEL?");
        boolean measuring = measuresInLists();
        if (measuring) {
            session.writeChecked(trig + ":ACQ:DEL " + SourceMeterDriver.nrf(triggerDelay + dwellSeconds));
        } else {
            session.writeChecked(trig + ":TRAN:TIM " + SourceMeterDriver.nrf(triggerDelay + dwellSeconds));
        }
        session.writeChecked(trig + ":COUN " + currents.length);
        if (triggerOutput) {
            session.writeChecked(trig + ":TRAN:TOUT:SIGN EXT1");
        }
        session.writeChecked(trig + ":TRAN:TOUT " + (triggerOutput ? "ON" : "OFF"));
        RuntimeException failure = null;
        try {
            if (!measuring) {
                session.writeChecked(trig + ":TRAN:SOUR TIM"); // inside the try: the finally puts AINT back
            }
            session.writeChecked(sour + ":CURR:MODE LIST");
            session.writeChecked((measuring ? ":INIT" : ":INIT:TRAN") + channelList);
            session.waitComplete("list sweep of " + currents.length + " points on channel " + channel,
                    session.timeout().plus(sweepTime(currents.length, triggerDelay + dwellSeconds)));
            if (!measuring) {
                if (!outputState()) {
                    throw new ComplianceTripException(label() + ": the output protection switched channel " + channel
                            + " off during a source-only list: a point reached the voltage compliance");
                }
                double[] unread = new double[currents.length];
                java.util.Arrays.fill(unread, NOT_MEASURED);
                return new ListSweepResult(currents.clone(), unread, currents.clone());
            }
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
                if (!measuring) {
                    session.writeChecked(trig + ":TRAN:SOUR AINT");
                }
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

    /**
     * The B2900's timing, per channel: NPLC ({@code :SENSn:VOLT:NPLC}, one integration time for every function; the
     * B2900 sets a value outside its range to the nearest limit, which the read back catches), the trigger delay as the
     * transient delay ({@code :TRIGn:TRAN:DEL}: from a point's trigger to its source action), and source-only lists as
     * every measure function off ({@code :SENSn:FUNC:OFF:ALL}) with the output protection on ({@code :OUTPn:PROT}:
     * the channel switches its output off the moment it reaches compliance, which is how a source-only list, reading
     * no voltage, still stops at a trip). The B2900 has no auto zero (its SCPI reference has no such command): auto
     * zero on is refused; off and once (nothing to refresh) are what it does anyway, and nothing is sent for them.
     */
    @Override
    public boolean hasTimingSettings() {
        return true;
    }

    @Override
    public void checkTiming(SourceTiming timing) {
        if (timing.autoZero() == SourceTiming.AutoZero.ON) {
            throw new IllegalArgumentException(label() + ": the " + model.displayName() + " has no auto zero; use"
                    + " auto zero off or once");
        }
    }

    @Override
    public void applyTiming(SourceTiming timing) {
        checkTiming(timing);
        session.writeChecked(sens + ":VOLT:NPLC " + SourceMeterDriver.nrf(timing.nplc()));
        session.writeChecked(trig + ":TRAN:DEL " + SourceMeterDriver.nrf(timing.triggerDelayS()));
        if (timing.measureInLists()) {
            session.writeChecked(sens + ":FUNC \"VOLT\",\"CURR\"");
            session.writeChecked(":OUTP" + channel + ":PROT OFF");
        } else {
            session.writeChecked(":OUTP" + channel + ":PROT ON");
            session.writeChecked(sens + ":FUNC:OFF:ALL");
        }
    }

    /** Auto zero is always OFF: the B2900 has none. */
    @Override
    public SourceTiming readTiming() {
        return new SourceTiming(nplc(), SourceTiming.AutoZero.OFF, session.queryDouble(trig + ":TRAN:DEL?"),
                measuresInLists());
    }

    /** A source-only setting is every measure function off, with the output protection on to stop at a trip. */
    @Override
    public boolean measuresInLists() {
        if (!session.query(sens + ":FUNC?").replace("\"", "").isBlank()) {
            return true;
        }
        if (!session.queryBoolean(":OUTP" + channel + ":PROT?")) {
            throw new InstrumentException(label() + ": every measure function is off but the output protection is"
                    + " off too: a source-only list would not stop at a compliance trip; set the timing again");
        }
        return false;
    }

    /** SCPI's not-a-number: the voltage of a point that read none. */
    private static final double NOT_MEASURED = 9.91e37;

    /** Per point the dwell plus a measurement at 1 NPLC and its overhead, with margin (as for the 2400). */
    static Duration sweepTime(int points, double dwellSeconds) {
        return Keithley2400Driver.sweepTime(points, dwellSeconds);
    }
}
