package io.spinloop.drivers.field;

import io.spinloop.drivers.scpi.ScpiSession;
import java.util.Locale;

/**
 * The raw SCPI of a Kepco BOP with its SCPI interface (BOP 1KW/GL, BIT 4886 card): {@code FUNC:MODE CURR},
 * {@code CURR}, {@code VOLT} as the voltage limit in current mode, {@code CURR:LIM}, {@code OUTP},
 * {@code MEAS:CURR?}; a protection trip shows in {@code STAT:QUES:COND?}. No limits, no ramps: only
 * {@link SafeMagnetSupply} holds one.
 */
final class KepcoBopDriver {
    private final ScpiSession session;

    KepcoBopDriver(ScpiSession session) {
        this.session = session;
    }

    ScpiSession session() {
        return session;
    }

    boolean sourcesCurrent() {
        return session.query("FUNC:MODE?").trim().toUpperCase(Locale.ROOT).startsWith("CURR");
    }

    /** Current mode at 0 A with the given voltage and current limits; only with the output off. */
    void configure(double voltageLimit, double currentLimit) {
        session.writeChecked("FUNC:MODE CURR");
        session.writeChecked("CURR 0");
        limits(voltageLimit, currentLimit);
    }

    /** The supply's own limits (safe with the output on: they only lower what it may do). */
    void limits(double voltageLimit, double currentLimit) {
        session.writeChecked("VOLT " + voltageLimit);
        session.writeChecked("CURR:LIM " + currentLimit);
    }

    boolean outputState() {
        return session.queryBoolean("OUTP?");
    }

    void setOutput(boolean on) {
        session.writeChecked(on ? "OUTP ON" : "OUTP OFF");
    }

    double level() {
        return session.queryDouble("CURR?");
    }

    void setLevel(double amps) {
        session.writeChecked("CURR " + amps);
    }

    double measuredCurrent() {
        return session.queryDouble("MEAS:CURR?");
    }

    boolean tripped() {
        return session.queryInt("STAT:QUES:COND?") != 0;
    }
}
