package io.spinloop.emulator.instruments;

import io.spinloop.emulator.physics.Stno;
import io.spinloop.emulator.scpi.Arguments;
import io.spinloop.emulator.scpi.Call;
import io.spinloop.emulator.scpi.CommandTree;
import io.spinloop.emulator.scpi.Response;
import io.spinloop.emulator.scpi.ScpiError;
import io.spinloop.emulator.scpi.ScpiException;
import io.spinloop.emulator.scpi.Unit;
import java.util.List;

/**
 * The Keithley 2450 SourceMeter in SCPI mode. A list runs as a sweep trigger model,
 * {@code :SOURce:SWEep:CURRent:LIST start, delay, count}, which clears the reading buffer first; readings are
 * read from that buffer ({@code :TRACe:DATA?}, {@code :READ? "defbuffer1"}); compliance is the source's
 * {@code VLIMit}/{@code ILIMit}; one measure function at a time; the trigger-link output is digital line 6.
 */
public final class Keithley2450 extends SourceMeter {
    public static final Model MODEL = new Model("KEITHLEY_2450",
            new ModelIdentity("KEITHLEY INSTRUMENTS", "MODEL 2450", "1.7.12b"), Keithley2450::new);

    private static final int ERROR_QUEUE_CAPACITY = 10;

    // The sweep trigger model of :SOURce:SWEep:CURRent:LIST. No initialisers: the base constructor resets them.
    private boolean sweepArmed;
    private int sweepStartIndex;
    private int sweepRepeats;
    /** The sweep's delay block ({@code :SOURce:SWEep:CURRent:LIST}'s delay), s. */
    private double sweepDelay;
    /** {@code :SOURce:CURRent:DELay}: the source delay, waited after each source action as the sweep's delay is. */
    private double currentSourceDelay;
    /** {@code :SOURce:CURRent:DELay:AUTO}: on after *RST; the emulated auto delay is none (never charged). */
    private boolean currentSourceDelayAuto;

    public Keithley2450(Model model, InstrumentSetup setup, Stno device) {
        super(model, setup, device, ERROR_QUEUE_CAPACITY);
    }

    // Capabilities and timing: the same lists as the 2400 (its manual); timing emulated as the 2400's.

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
        return ELEM_VOLT;
    }

    @Override
    protected ScpiException outputOffError() {
        return ScpiError.SETTINGS_CONFLICT.exception("output off");
    }

    /** The 2450 sets auto zero per measure function ({@code :SENSe:VOLTage:AZERo}, {@code :AZERo:ONCE}). */
    @Override
    protected boolean hasSystemAutoZero() {
        return false;
    }

    /** The 2450 has no {@code :TRIGger:DELay}: its delays are the source delay and the trigger model's blocks. */
    @Override
    protected boolean hasTriggerDelay() {
        return false;
    }

    @Override
    protected boolean oneMeasureFunction() {
        return true;
    }

    @Override
    protected void resetModelSettings() {
        sweepArmed = false;
        sweepStartIndex = 1;
        sweepRepeats = 1;
        sweepDelay = 0;
        currentSourceDelay = 0;
        currentSourceDelayAuto = true;
    }

    /**
     * After each source action a 2450 list point waits the source delay, then the sweep's delay block ("added to any
     * source delay you may have set", the 2450 manual says of the sweep's delay), then measures.
     */
    private void applyDelays() {
        setSourceDelay((currentSourceDelayAuto ? 0 : currentSourceDelay) + sweepDelay);
    }

    @Override
    protected void registerCompliance(CommandTree t) {
        registerComplianceCommands(t, "[:SOURce#1]:CURRent:VLIMit", 0.02, "[:SOURce#1]:VOLTage:ILIMit", 1e-8);
    }

    /** An armed sweep: the list from its start index, repeated {@code count} times. */
    @Override
    protected double[] sweepLevels() {
        if (!sweepArmed) {
            return super.sweepLevels();
        }
        double[] list = sourceList();
        if (list.length == 0) {
            throw ScpiError.SETTINGS_CONFLICT.exception("empty source list");
        }
        int from = Math.min(sweepStartIndex - 1, list.length - 1);
        int per = list.length - from;
        double[] levels = new double[per * sweepRepeats];
        for (int r = 0; r < sweepRepeats; r++) {
            System.arraycopy(list, from, levels, r * per, per);
        }
        return levels;
    }

    @Override
    protected boolean sweepReturnsToLevel() {
        return sweepArmed;
    }

    /** The 2450's sweep trigger models start with a buffer-clear block. */
    @Override
    protected boolean sweepClearsBuffer() {
        return sweepArmed;
    }

    @Override
    protected void registerModelCommands(CommandTree t) {
        t.add("*LANG?", c -> c.reply().ascii("SCPI"));
        t.add("*LANG", 1, 1, c -> {
            if (c.args().choice(0, "SCPI", "TSP", "SCPI2400") != 0) {
                throw ScpiError.SETTINGS_CONFLICT.exception("only SCPI is emulated");
            }
        });
        t.add("[:SOURce#1]:SWEep:CURRent:LIST", 2, 5, c -> {
            Arguments a = c.args();
            int start = (int) a.integer(0, 1, listCapacity(), 1);
            double delay = a.number(1, Unit.SECOND, 0, 10000, 0);
            int count = a.count() > 2 ? (int) a.integer(2, 1, 268_000_000, 1) : 1;
            if (a.count() > 3) {
                a.bool(3); // failAbort
            }
            if (a.count() > 4) {
                requireDefaultBuffer(a.string(4));
            }
            if (start < 1 || start > Math.max(1, sourceList().length)) {
                throw ScpiError.DATA_OUT_OF_RANGE.exception("start index");
            }
            if (count < 1 || count > 100_000) {
                throw ScpiError.DATA_OUT_OF_RANGE.exception("count");
            }
            sweepStartIndex = start;
            sweepDelay = inRange(delay, 0, 10000);
            applyDelays();
            sweepRepeats = count;
            sweepArmed = true;
        });
        t.add(":TRACe:DATA?", 2, 8, c -> {
            Arguments a = c.args();
            long from = a.integer(0, 1, BUFFER_CAPACITY, 1);
            long to = a.integer(1, 1, BUFFER_CAPACITY, 1);
            if (a.count() > 2) {
                requireDefaultBuffer(a.string(2));
            }
            awaitOperations();
            if (from < 1 || to < from || to > buffer().size()) {
                throw ScpiError.DATA_OUT_OF_RANGE.exception("buffer index");
            }
            writeBuffer(c.reply(), buffer().subList((int) from - 1, (int) to), a, 3);
        });
        // The source delay is a setting of the source function on the 2450; setting one turns auto delay off.
        for (String f : new String[] {"CURRent", "VOLTage"}) {
            t.add("[:SOURce#1]:" + f + ":DELay", 1, 1, c -> {
                currentSourceDelay = inRange(c.args().number(0, Unit.SECOND, 0, 10000, 0), 0, 10000);
                currentSourceDelayAuto = false;
                applyDelays();
            });
            t.add("[:SOURce#1]:" + f + ":DELay?", c -> c.reply().nr3(currentSourceDelayAuto ? 0 : currentSourceDelay,
                    6));
            t.add("[:SOURce#1]:" + f + ":DELay:AUTO", 1, 1, c -> {
                currentSourceDelayAuto = c.args().bool(0);
                applyDelays();
            });
            t.add("[:SOURce#1]:" + f + ":DELay:AUTO?", c -> c.reply().put((byte) (currentSourceDelayAuto ? '1' : '0')));
        }
        t.add(":TRACe:ACTual?", 0, 1, c -> {
            awaitOperations();
            c.reply().nr1(buffer().size());
        });
        t.add(":TRACe:CLEar", 0, 1, c -> buffer().clear());
        // Auto zero is a setting of the measure function on the 2450; :AZERo:ONCE refreshes once and leaves it as set.
        for (String f : new String[] {"VOLTage", "CURRent"}) {
            t.add(":SENSe:" + f + "[:DC]:AZERo[:STATe]", 1, 1, c -> setAutoZero(c.args().bool(0)));
            t.add(":SENSe:" + f + "[:DC]:AZERo[:STATe]?", c -> c.reply().put((byte) (autoZero() ? '1' : '0')));
        }
        t.add(":AZERo[:ONCE]", c -> { });
        t.add(":TRACe:POINts?", 0, 1, c -> c.reply().nr1(BUFFER_CAPACITY));
        t.add(":DIGital:LINE#6:MODE", 2, 2, c -> {
            boolean trigger = c.args().choice(0, "TRIGger", "DIGital", "SYNChronous") == 0;
            boolean out = c.args().choice(1, "IN", "OUT", "OPENdrain", "MASTer", "ACCeptor") != 0;
            setTriggerOutput(trigger && out);
        });
        t.add(":TRIGger:DIGital#6:OUTPut[:STIMulus]", 1, 1, c -> setTriggerOutput(!c.args().text(0).equals("NONE")));
        t.add(":TRIGger:DIGital#6:OUTPut:LOGic", 1, 1, c -> c.args().choice(0, "POSitive", "NEGative"));
        t.add(":TRIGger:DIGital#6:OUTPut:PULSewidth", 1, 1, c -> c.args().number(0, Unit.SECOND, 1e-5, 100, 1e-5));
    }

    /** {@code READ? ["buffer"[, elements]]} gives the last reading of the measure function. */
    @Override
    protected void readReply(Call c, Reading[] readings) {
        Arguments a = c.args();
        if (a.count() > 0) {
            requireDefaultBuffer(a.string(0));
        }
        writeBuffer(c.reply(), List.of(readings[readings.length - 1]), a, 1);
    }

    private static void requireDefaultBuffer(String name) {
        if (!name.equalsIgnoreCase("defbuffer1") && !name.equalsIgnoreCase("defbuffer2")) {
            throw ScpiError.ILLEGAL_PARAMETER_VALUE.exception("unknown buffer " + name);
        }
    }

    /** Buffer elements named from argument {@code firstElement} on (the reading alone if none is named). */
    private void writeBuffer(Response r, List<Reading> readings, Arguments a, int firstElement) {
        boolean first = true;
        for (Reading x : readings) {
            int count = Math.max(1, a.count() - firstElement);
            for (int e = 0; e < count; e++) {
                int which = a.count() > firstElement
                        ? a.choice(firstElement + e, "READing", "SOURce", "RELative", "SEConds", "STATus") : 0;
                if (!first) {
                    r.put((byte) ',');
                }
                first = false;
                double v = switch (which) {
                    case 0 -> sensesVoltage() ? x.voltage() : sensesCurrent() ? x.current()
                            : x.current() != 0 ? x.voltage() / x.current() : 9.91e37;
                    case 1 -> x.source();
                    case 2, 3 -> x.time();
                    default -> x.status();
                };
                r.nr3(v, 6);
            }
        }
    }
}
