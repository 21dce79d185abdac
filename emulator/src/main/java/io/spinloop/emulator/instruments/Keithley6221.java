package io.spinloop.emulator.instruments;

import io.spinloop.emulator.physics.Stno;
import io.spinloop.emulator.scpi.Call;
import io.spinloop.emulator.scpi.CommandTree;
import io.spinloop.emulator.scpi.ScpiError;
import io.spinloop.emulator.scpi.ScpiException;

/**
 * The Keithley 6221 current source. It sources current only (no {@code :FUNCtion}), with a voltage compliance of
 * 0.1 to 105 V under {@code :SOURce:CURRent:COMPliance}, and measures nothing: no sense subsystem, no
 * {@code :READ?} or {@code :MEASure} (they raise -113, undefined header). Whether the output is in compliance is
 * bit 3 of the measurement condition register, {@code :STATus:MEASurement:CONDition?}. Its source list holds
 * 65,536 points; the emulator takes them ({@code :SOURce:LIST:CURRent}) but runs no measured sweep.
 */
public final class Keithley6221 extends SourceMeter {
    public static final Model MODEL = new Model("KEITHLEY_6221",
            new ModelIdentity("KEITHLEY INSTRUMENTS INC.", "MODEL 6221", "A03"), Keithley6221::new);

    private static final int ERROR_QUEUE_CAPACITY = 10;
    private static final int STATUS_COMPLIANCE = 1 << 3;

    public Keithley6221(Model model, InstrumentSetup setup, Stno device) {
        super(model, setup, device, ERROR_QUEUE_CAPACITY);
    }

    @Override
    protected boolean measures() {
        return false;
    }

    /** ±105 mA (the 6221's ranges end at 100 mA, with 5 % over-range). */
    @Override
    protected double maxCurrentA() {
        return 0.105;
    }

    @Override
    protected boolean currentOnly() {
        return true;
    }

    @Override
    protected int listCapacity() {
        return 65536;
    }

    @Override
    protected int listValuesPerCommand() {
        return 100;
    }

    @Override
    protected double pointOverhead() {
        return 0.1e-3;
    }

    @Override
    protected int defaultElements() {
        return ELEM_CURR;
    }

    @Override
    protected ScpiException outputOffError() {
        return ScpiError.SETTINGS_CONFLICT.exception("output off");
    }

    @Override
    protected void registerCompliance(CommandTree t) {
        registerVoltageLimit(t, "[:SOURce#1]:CURRent:COMPliance", 0.1, 105);
    }

    @Override
    protected void registerModelCommands(CommandTree t) {
        t.add(":STATus:MEASurement:CONDition?", c -> c.reply().nr1(inCompliance() ? STATUS_COMPLIANCE : 0));
    }

    /** Never called: without {@link #measures()} there is no {@code :READ?}. */
    @Override
    protected void readReply(Call c, Reading[] readings) {
        throw ScpiError.UNDEFINED_HEADER.exception();
    }
}
