package io.spinloop.emulator.instruments;

import io.spinloop.emulator.physics.Magnet;
import io.spinloop.emulator.scpi.CommandTree;
import io.spinloop.emulator.scpi.Unit;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kepco BOP bipolar power supply (with its SCPI interface) driving an electromagnet: {@code FUNC:MODE VOLT|CURR},
 * {@code CURR}, {@code VOLT} (in current mode the voltage limit), {@code CURR:LIM}, {@code OUTP}, {@code MEAS:CURR?},
 * {@code MEAS:VOLT?}, and {@code STAT:QUES:COND?}, whose bit 1 shows a protection trip. The coil current follows
 * the programmed current with L/R ({@link Magnet}); what the supply was told is recorded ({@link MagnetEvent}).
 */
public final class KepcoBop extends Instrument {
    /** A magnet-supply model: registry name and {@code *IDN?} fields. */
    public record Model(String name, ModelIdentity identity) {
        public KepcoBop build(InstrumentSetup setup, Magnet magnet) {
            return new KepcoBop(this, setup, magnet);
        }
    }

    /** BOP 20-10: ±20 V, ±10 A. */
    public static final Model BOP_20_10 = new Model("KEPCO_BOP_20_10",
            new ModelIdentity("KEPCO", "BOP 20-10", "2.14"));

    private static final double MAX_CURRENT = 10.0;
    private static final double MAX_VOLTAGE = 20.0;
    private static final double COIL_OHM = 1.5;
    private static final int QUES_PROTECTION = 2;
    private static final int HISTORY_CAPACITY = 1_000_000;

    private final Model model;
    private final Magnet magnet;
    private final List<MagnetEvent> history = new ArrayList<>();
    private boolean currentMode;
    private double currentLevel;
    private double voltageLevel;
    private double currentLimit;
    private boolean output;
    private boolean tripped;

    public KepcoBop(Model model, InstrumentSetup setup, Magnet magnet) {
        super(setup.name(), setup.clock(), setup.seed(), 16, setup.serialNumber());
        this.model = model;
        this.magnet = magnet;
        resetSettings();
        history.clear();
        record(MagnetEvent.Cause.POWER_ON);
        register(commands());
    }

    public Model model() {
        return model;
    }

    public Magnet magnet() {
        return magnet;
    }

    @Override
    public String identity() {
        return model.identity().idn("EMU-" + (9000 + serialNumber));
    }

    @Override
    protected void resetSettings() {
        currentMode = false;
        currentLevel = 0;
        voltageLevel = 0;
        currentLimit = MAX_CURRENT;
        output = false;
        tripped = false;
        apply(MagnetEvent.Cause.RESET);
    }

    @Override
    protected void poweredOn() {
        record(MagnetEvent.Cause.POWER_ON);
    }

    /** The protection trips (fault injection): bit 1 of the questionable condition, until the output goes off. */
    public synchronized void trip() {
        tripped = true;
        record(MagnetEvent.Cause.TRIP);
    }

    /** A copy of what the supply was told, oldest first. */
    public synchronized List<MagnetEvent> history() {
        return List.copyOf(history);
    }

    private double drivenCurrent() {
        if (!output) {
            return 0;
        }
        double i = currentMode ? currentLevel : voltageLevel / COIL_OHM;
        return Math.max(-currentLimit, Math.min(currentLimit, i));
    }

    private void apply(MagnetEvent.Cause cause) {
        if (magnet != null) {
            magnet.drive(clock.now(), drivenCurrent());
        }
        record(cause);
    }

    private void record(MagnetEvent.Cause cause) {
        if (history.size() >= HISTORY_CAPACITY) {
            history.subList(0, HISTORY_CAPACITY / 10).clear();
        }
        double t = clock.now();
        history.add(new MagnetEvent(t, cause, currentLevel, output, magnet == null ? 0 : magnet.currentAt(t)));
    }

    private double coilCurrent() {
        return magnet == null ? 0 : magnet.currentAt(clock.now());
    }

    private void register(CommandTree t) {
        t.add("[:SOURce]:FUNCtion:MODE", 1, 1, c -> {
            boolean curr = c.args().choice(0, "VOLTage", "CURRent") == 1;
            if (curr != currentMode) {
                currentMode = curr;
                apply(MagnetEvent.Cause.FUNCTION);
            }
        });
        t.add("[:SOURce]:FUNCtion:MODE?", c -> c.reply().ascii(currentMode ? "CURR" : "VOLT"));
        t.add("[:SOURce]:CURRent[:LEVel][:IMMediate][:AMPLitude]", 1, 1, c -> {
            currentLevel = inRange(c.args().number(0, Unit.NONE, -MAX_CURRENT, MAX_CURRENT, 0),
                    -MAX_CURRENT, MAX_CURRENT);
            apply(MagnetEvent.Cause.LEVEL);
        });
        t.add("[:SOURce]:CURRent[:LEVel][:IMMediate][:AMPLitude]?", c -> c.reply().nr3(currentLevel, 6));
        t.add("[:SOURce]:VOLTage[:LEVel][:IMMediate][:AMPLitude]", 1, 1, c -> {
            voltageLevel = inRange(c.args().number(0, Unit.NONE, -MAX_VOLTAGE, MAX_VOLTAGE, 0),
                    -MAX_VOLTAGE, MAX_VOLTAGE);
            apply(MagnetEvent.Cause.LEVEL);
        });
        t.add("[:SOURce]:VOLTage[:LEVel][:IMMediate][:AMPLitude]?", c -> c.reply().nr3(voltageLevel, 6));
        t.add("[:SOURce]:CURRent:LIMit[:BOTH]", 1, 1, c -> {
            currentLimit = inRange(c.args().number(0, Unit.NONE, 0, MAX_CURRENT, MAX_CURRENT), 0, MAX_CURRENT);
            apply(MagnetEvent.Cause.LEVEL);
        });
        t.add("[:SOURce]:CURRent:LIMit[:BOTH]?", c -> c.reply().nr3(currentLimit, 6));
        t.add(":OUTPut[:STATe]", 1, 1, c -> {
            boolean on = c.args().bool(0);
            if (on != output) {
                output = on;
                if (!on) {
                    tripped = false;
                }
                apply(MagnetEvent.Cause.OUTPUT);
            }
        });
        t.add(":OUTPut[:STATe]?", c -> c.reply().put((byte) (output ? '1' : '0')));
        t.add(":MEASure[:SCALar]:CURRent[:DC]?", c -> c.reply().nr3(coilCurrent() + 2e-4 * rng.nextGaussian(), 6));
        t.add(":MEASure[:SCALar]:VOLTage[:DC]?", c -> {
            // L·dI/dt = R·(I_target − I) for a first-order coil, so the terminal voltage is R·I_target.
            double v = output ? COIL_OHM * drivenCurrent() : 0;
            c.reply().nr3(v + 1e-3 * rng.nextGaussian(), 6);
        });
        t.add(":STATus:QUEStionable:CONDition?", c -> c.reply().nr1(tripped ? QUES_PROTECTION : 0));
    }

    @Override
    protected int deviceStatusBits() {
        return tripped ? 8 : 0;
    }
}
