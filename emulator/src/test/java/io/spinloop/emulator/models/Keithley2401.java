package io.spinloop.emulator.models;

import io.spinloop.emulator.instruments.InstrumentSetup;
import io.spinloop.emulator.instruments.ModelIdentity;
import io.spinloop.emulator.instruments.SourceMeter;
import io.spinloop.emulator.physics.Stno;
import io.spinloop.emulator.scpi.Call;
import io.spinloop.emulator.scpi.CommandTree;
import io.spinloop.emulator.scpi.ScpiError;
import io.spinloop.emulator.scpi.ScpiException;

/**
 * A test-only model, written as a new model would be: one class outside the emulator's package, on the
 * {@link SourceMeter} base. It is 2400-like (lists by {@code :SOUR:CURR:MODE LIST} and {@code :TRIG:COUN}) but
 * has its own identity, a smaller list (200 values, 50 per command) and a slower point (1 ms of overhead).
 */
public final class Keithley2401 extends SourceMeter {
    public static final Model MODEL = new Model("KEITHLEY_2401",
            new ModelIdentity("KEITHLEY INSTRUMENTS INC.", "MODEL 2401", "C32"), Keithley2401::new);

    private boolean listMode;

    public Keithley2401(Model model, InstrumentSetup setup, Stno device) {
        super(model, setup, device, 10);
    }

    @Override
    protected int listCapacity() {
        return 200;
    }

    @Override
    protected int listValuesPerCommand() {
        return 50;
    }

    @Override
    protected double pointOverhead() {
        return 1e-3;
    }

    @Override
    protected int defaultElements() {
        return ELEM_VOLT | ELEM_CURR;
    }

    @Override
    protected ScpiException outputOffError() {
        return new ScpiException(803, "Output disabled");
    }

    @Override
    protected void resetModelSettings() {
        listMode = false;
    }

    @Override
    protected void registerSourceMode(CommandTree t) {
        t.add("[:SOURce#1]:CURRent:MODE", 1, 1, c -> listMode = c.args().choice(0, "FIXed", "LIST") == 1);
    }

    @Override
    protected void registerCompliance(CommandTree t) {
        registerComplianceCommands(t, ":SENSe:VOLTage[:DC]:PROTection", 0.2e-3,
                ":SENSe:CURRent[:DC]:PROTection", 1e-9);
    }

    @Override
    protected double[] sweepLevels() {
        if (!listMode) {
            return super.sweepLevels();
        }
        double[] list = sourceList();
        if (list.length == 0) {
            throw ScpiError.SETTINGS_CONFLICT.exception("empty source list");
        }
        double[] levels = new double[triggerPoints()];
        for (int k = 0; k < levels.length; k++) {
            levels[k] = list[Math.min(k, list.length - 1)];
        }
        return levels;
    }

    @Override
    protected boolean sweepReturnsToLevel() {
        return listMode;
    }

    @Override
    protected void readReply(Call c, Reading[] readings) {
        writeReadings(c.reply(), readings, elements());
    }
}
