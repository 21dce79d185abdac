package io.spinloop.emulator.instruments;

import io.spinloop.emulator.physics.Stno;
import io.spinloop.emulator.scpi.Call;
import io.spinloop.emulator.scpi.CommandTree;
import io.spinloop.emulator.scpi.ScpiError;
import io.spinloop.emulator.scpi.ScpiException;

/**
 * The Keithley 2400 SourceMeter. A list runs as the 2400 runs it ({@link ListModeSourceMeter}):
 * {@code :SOURce:CURRent:MODE LIST} and {@code :TRIGger:COUNt} points, the list's last value held if the count is
 * longer. Compliance lives under {@code :SENSe:…:PROTection}, its present state ({@code :TRIPped?}) and its latched event (bit B14 of
 * {@code :STATus:MEASurement?}, read and cleared by the query); {@code :READ?} returns the {@code :FORMat:ELEMents} of
 * every point; starting a reading with the output off raises 803.
 */
public final class Keithley2400 extends ListModeSourceMeter {
    public static final Model MODEL = new Model("KEITHLEY_2400",
            new ModelIdentity("KEITHLEY INSTRUMENTS INC.", "MODEL 2400", "C33"), Keithley2400::new);

    private static final int ERROR_QUEUE_CAPACITY = 10;

    public Keithley2400(Model model, InstrumentSetup setup, Stno device) {
        super(model, setup, device, ERROR_QUEUE_CAPACITY);
    }

    // Capabilities and timing, as the manual and specification give them: lists of up to 2500 points, 100 per
    // command; about 1,700 readings/s at 0.01 PLC.

    @Override
    protected int listCapacity() {
        return 2500;
    }

    @Override
    protected int listValuesPerCommand() {
        return 100;
    }

    @Override
    protected double pointOverhead() {
        return 0.4e-3;
    }

    @Override
    protected int defaultElements() {
        return ELEM_VOLT | ELEM_CURR | ELEM_RES | ELEM_TIME | ELEM_STAT;
    }

    @Override
    protected ScpiException outputOffError() {
        return new ScpiException(803, "Output disabled");
    }

    /** The measurement status set: bit B14 latches each compliance, also one a list's return to its level ends. */
    @Override
    protected void registerModelCommands(CommandTree t) {
        registerMeasurementStatusCommands(t);
    }

    @Override
    protected void readReply(Call c, Reading[] readings) {
        if (c.args().count() > 0) {
            throw ScpiError.PARAMETER_NOT_ALLOWED.exception();
        }
        writeReadings(c.reply(), readings, elements());
    }
}
