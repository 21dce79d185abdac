package io.spinloop.emulator.instruments;

import io.spinloop.emulator.physics.Stno;
import io.spinloop.emulator.scpi.CommandTree;
import io.spinloop.emulator.scpi.ScpiError;

/**
 * A SourceMeter that runs its source list as the Keithley 2400 does, which the Keysight B2900 follows: the source mode
 * {@code :SOURce:CURRent:MODE FIXed|LIST} chooses between the fixed level and the list, a run of the trigger model
 * sources the list point by point for its trigger count (the last value held if the count is longer) and goes back to
 * the level at its end; the compliance lives under {@code :SENSe:VOLTage|CURRent:PROTection}. The 2450 runs lists
 * from its own sweep command, the 6221 none.
 */
public abstract class ListModeSourceMeter extends SourceMeter {
    /** {@code :SOURce:CURRent:MODE LIST}. No initialiser: the base constructor resets it. */
    private boolean listMode;

    protected ListModeSourceMeter(Model model, InstrumentSetup setup, Stno device, int errorQueueCapacity) {
        super(model, setup, device, errorQueueCapacity);
    }

    /** Fixed mode; a model with more {@code *RST} settings calls this first. */
    @Override
    protected void resetModelSettings() {
        listMode = false;
    }

    @Override
    protected final void registerSourceMode(CommandTree t) {
        t.add("[:SOURce#1]:CURRent:MODE", 1, 1, c -> {
            int m = c.args().choice(0, "FIXed", "LIST", "SWEep");
            if (m == 2) {
                throw ScpiError.SETTINGS_CONFLICT.exception("staircase sweeps are not emulated; use LIST");
            }
            listMode = m == 1;
        });
        t.add("[:SOURce#1]:CURRent:MODE?", c -> c.reply().ascii(listMode ? "LIST" : "FIX"));
    }

    @Override
    protected final void registerCompliance(CommandTree t) {
        registerComplianceCommands(t, ":SENSe:VOLTage[:DC]:PROTection", 0.2e-3,
                ":SENSe:CURRent[:DC]:PROTection", 1e-9);
    }

    /** In list mode, the list point by point for the trigger count. */
    @Override
    protected final double[] sweepLevels() {
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
    protected final boolean sweepReturnsToLevel() {
        return listMode;
    }
}
