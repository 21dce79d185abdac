package io.spinloop.emulator.instruments;

import io.spinloop.emulator.physics.CurrentTimeline;
import io.spinloop.emulator.physics.Stno;
import io.spinloop.emulator.scpi.Arguments;
import io.spinloop.emulator.scpi.Call;
import io.spinloop.emulator.scpi.CommandTree;
import io.spinloop.emulator.scpi.Response;
import io.spinloop.emulator.scpi.ScpiError;
import io.spinloop.emulator.scpi.ScpiException;
import io.spinloop.emulator.scpi.Unit;
import io.spinloop.emulator.time.VirtualClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An emulated Keithley SourceMeter (2400, or 2450 in SCPI mode) sourcing into one STNO: fixed levels, list
 * sweeps run by the trigger model, voltage readings from the device's magnetoresistive voltage, compliance,
 * a trigger-link output, and a history of everything it was told.
 *
 * <p>Timing follows the instrument: each point of a triggered reading takes the source delay plus the
 * integration time (NPLC / 60 Hz) plus 0.4 ms of overhead (about 1,700 readings/s at 0.01 PLC, as the 2400's
 * specification). With instrument limits lifted (for studies) a point takes just the source delay.
 */
public final class SourceMeter extends Instrument {
    private static final double LINE_FREQUENCY = 60;
    private static final double POINT_OVERHEAD = 0.4e-3;
    private static final double AUTO_DELAY = 1e-3;
    private static final double MAX_LEVEL_A = 1.05;
    private static final double MAX_LEVEL_V = 210;
    private static final double OPEN_CIRCUIT_OHM = 1e12;
    private static final int BUFFER_CAPACITY = 100_000;
    /** The history keeps the newest events; a long-running bench must not grow without bound. */
    private static final int HISTORY_CAPACITY = 1_000_000;
    private static final int STATUS_FRONT = 4;
    private static final int STATUS_COMPLIANCE = 8;
    private static final int STATUS_V_MEAS = 1 << 11;
    private static final int STATUS_I_MEAS = 1 << 12;
    private static final int STATUS_I_SOURCE = 1 << 15;

    private final SourceModel model;
    private final Stno device;
    private final boolean enforceLimits;
    private final CurrentTimeline timeline = new CurrentTimeline();
    private final List<SourceEvent> history = new ArrayList<>();
    private final List<TriggerInput> triggerOutputs = new ArrayList<>();

    // Settings (see resetSettings for the *RST values).
    private boolean currentFunction;
    private boolean listMode;
    private double currentLevel;
    private double voltageLevel;
    private double currentRange;
    private boolean currentRangeAuto;
    private double sourceDelay;
    private boolean sourceDelayAuto;
    private double[] list = new double[0];
    private double complianceVoltage;
    private double complianceCurrent;
    private double nplc;
    private boolean senseVoltage;
    private boolean senseCurrent;
    private boolean senseResistance;
    private int elements; // bit mask over ELEMENT_NAMES
    private int triggerCount;
    private int armCount;
    private boolean triggerOutput;
    private String triggerOutputEvents;
    private boolean output;
    private boolean autoOutputOff;
    private int sweepStartIndex;
    private int sweepRepeats;
    private boolean sweepArmed;

    // State.
    private boolean tripped;
    private boolean forceTrip;
    private double pendingEnd = NONE;
    private double timestampZero;
    private Reading[] lastReadings;
    private final List<Reading> buffer = new ArrayList<>();

    private static final String[] ELEMENT_NAMES = {"VOLTage", "CURRent", "RESistance", "TIME", "STATus"};
    private static final int ELEM_VOLT = 1;
    private static final int ELEM_CURR = 2;
    private static final int ELEM_RES = 4;
    private static final int ELEM_TIME = 8;
    private static final int ELEM_STAT = 16;

    /** One reading of a triggered measurement. */
    record Reading(double time, double source, double voltage, double current, boolean compliance, int status) {
    }

    /**
     * @param device the oscillator wired to the output, or null for open terminals
     * @param enforceLimits whether the real instrument's minimum point time applies
     */
    public SourceMeter(String name, SourceModel model, Stno device, VirtualClock clock, long seed, int serialNumber,
                       boolean enforceLimits) {
        super(name, clock, seed, model.errorQueueCapacity(), serialNumber);
        this.model = model;
        this.device = device;
        this.enforceLimits = enforceLimits;
        if (device != null) {
            device.connect(timeline);
        }
        register(commands());
        resetSettings();
        history.clear();
        record(SourceEvent.Cause.POWER_ON);
    }

    public SourceModel model() {
        return model;
    }

    /** The current flowing out of the terminals over time. */
    public CurrentTimeline timeline() {
        return timeline;
    }

    /** Wires this source's trigger-link output to an instrument's trigger input. */
    public synchronized void linkTrigger(TriggerInput input) {
        triggerOutputs.add(input);
    }

    /** A copy of the history of levels and output states (the newest million events at most). */
    public synchronized List<SourceEvent> history() {
        return List.copyOf(history);
    }

    /** The next reading shows a compliance trip, whatever the load (fault injection). */
    public synchronized void tripCompliance() {
        forceTrip = true;
    }

    @Override
    public String identity() {
        return model.maker() + "," + model.model() + "," + String.format("EMU-%04d", serialNumber) + ","
                + model.firmware() + " (spinloop emulator)";
    }

    @Override
    protected void resetSettings() {
        double now = clock.now();
        pendingEnd = NONE;
        currentFunction = false; // *RST: source voltage, as the manuals say
        listMode = false;
        currentLevel = 0;
        voltageLevel = 0;
        currentRange = 1e-4;
        currentRangeAuto = true;
        sourceDelay = AUTO_DELAY;
        sourceDelayAuto = true;
        list = new double[0];
        complianceVoltage = 21;
        complianceCurrent = 105e-6;
        nplc = 1;
        senseVoltage = true;
        senseCurrent = true;
        senseResistance = false;
        elements = model == SourceModel.KEITHLEY_2400 ? ELEM_VOLT | ELEM_CURR | ELEM_RES | ELEM_TIME | ELEM_STAT
                : ELEM_VOLT;
        triggerCount = 1;
        armCount = 1;
        triggerOutput = false;
        triggerOutputEvents = "NONE";
        output = false;
        autoOutputOff = false;
        sweepArmed = false;
        sweepStartIndex = 1;
        sweepRepeats = 1;
        tripped = false;
        lastReadings = null;
        buffer.clear();
        timestampZero = now;
        timeline.set(now, 0);
        record(SourceEvent.Cause.RESET);
    }

    @Override
    protected void poweredOn() {
        record(SourceEvent.Cause.POWER_ON);
    }

    @Override
    protected void abortOperations() {
        if (pendingEnd != NONE) {
            pendingEnd = NONE;
            applyOutput(clock.now(), SourceEvent.Cause.RESET);
        }
    }

    @Override
    protected double operationEnd() {
        return pendingEnd;
    }

    @Override
    protected void completeOperations() {
        pendingEnd = NONE;
        operationsChanged();
    }

    private void record(SourceEvent.Cause cause) {
        record(clock.now(), cause, output ? flowing(programmedLevel()) : 0);
    }

    private void record(double time, SourceEvent.Cause cause, double flowing) {
        addHistory(new SourceEvent(time, cause, currentFunction ? "CURR" : "VOLT", programmedLevel(), output,
                flowing));
    }

    private void addHistory(SourceEvent e) {
        if (history.size() >= HISTORY_CAPACITY) {
            history.subList(0, HISTORY_CAPACITY / 10).clear();
        }
        history.add(e);
    }

    private double programmedLevel() {
        return currentFunction ? currentLevel : voltageLevel;
    }

    private double resistanceAt(double time, double current) {
        if (device == null) {
            return OPEN_CIRCUIT_OHM;
        }
        return device.resistance(device.operatingPoint(time, current).meanPower());
    }

    /** The current that flows for a programmed level, with compliance (sets {@link #tripped}). */
    private double flowing(double level) {
        return flowing(clock.now(), level);
    }

    private double flowing(double time, double level) {
        if (currentFunction) {
            double r = resistanceAt(time, level);
            if (Math.abs(level * r) > complianceVoltage) {
                tripped = true;
                return Math.signum(level) * complianceVoltage / r;
            }
            tripped = false;
            return level;
        }
        double r = resistanceAt(time, 0);
        double i = level / r;
        if (Math.abs(i) > complianceCurrent) {
            tripped = true;
            return Math.signum(i) * complianceCurrent;
        }
        tripped = false;
        return i;
    }

    /** Puts the present output state on the timeline and in the history. */
    private void applyOutput(double time, SourceEvent.Cause cause) {
        double i = output ? flowing(time, programmedLevel()) : 0;
        timeline.set(time, i);
        record(time, cause, i);
    }

    private double pointPeriod() {
        if (!enforceLimits) {
            return Math.max(sourceDelay, 1e-9);
        }
        return sourceDelay + nplc / LINE_FREQUENCY + POINT_OVERHEAD;
    }

    /** Runs the trigger model: every point sourced, measured and stored; the sweep ends in the future. */
    private void initiate() {
        awaitOperations();
        if (!output) {
            if (!autoOutputOff) {
                throw outputOff();
            }
            output = true;
            applyOutput(clock.now(), SourceEvent.Cause.OUTPUT);
        }
        double[] levels = sweepLevels();
        if (sweepArmed) {
            buffer.clear(); // the 2450's sweep trigger models start with a buffer-clear block
        }
        int n = levels.length;
        double period = pointPeriod();
        double t0 = clock.now();
        double[] times = new double[n];
        double[] measureTimes = new double[n];
        double[] flows = new double[n];
        boolean[] trips = new boolean[n];
        double integration = enforceLimits ? nplc / LINE_FREQUENCY : 0;
        for (int k = 0; k < n; k++) {
            times[k] = t0 + k * period;
            measureTimes[k] = times[k] + sourceDelay + integration / 2;
            double level = levels[k];
            flows[k] = flowing(times[k], level);
            trips[k] = tripped;
            timeline.set(times[k], flows[k]);
            addHistory(new SourceEvent(times[k], SourceEvent.Cause.SWEEP_STEP, currentFunction ? "CURR" : "VOLT",
                    level, true, flows[k]));
        }
        double end = t0 + n * period;
        Reading[] readings = measure(measureTimes, flows, levels, trips, integration);
        if (autoOutputOff) {
            output = false;
        }
        if (listMode || sweepArmed || autoOutputOff) {
            applyOutput(end, SourceEvent.Cause.SWEEP_END);
        }
        lastReadings = readings;
        buffer.addAll(Arrays.asList(readings));
        if (buffer.size() > BUFFER_CAPACITY) { // a circular buffer: the oldest readings go
            buffer.subList(0, buffer.size() - BUFFER_CAPACITY).clear();
        }
        pendingEnd = end;
        if (triggerOutput) {
            double offset = triggerOutputEvents.startsWith("DEL") ? sourceDelay
                    : triggerOutputEvents.startsWith("SENS") ? sourceDelay + integration : 0;
            double[] pulses = new double[n];
            for (int k = 0; k < n; k++) {
                pulses[k] = times[k] + offset;
            }
            for (TriggerInput in : triggerOutputs) {
                in.pulses(pulses, n);
            }
        }
    }

    private double[] sweepLevels() {
        int points = triggerCount * armCount;
        if (sweepArmed) { // 2450 SOUR:SWE:CURR:LIST
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
        double[] levels = new double[points];
        if (listMode) {
            if (list.length == 0) {
                throw ScpiError.SETTINGS_CONFLICT.exception("empty source list");
            }
            for (int k = 0; k < points; k++) {
                levels[k] = list[Math.min(k, list.length - 1)];
            }
        } else {
            Arrays.fill(levels, programmedLevel());
        }
        return levels;
    }

    private Reading[] measure(double[] times, double[] flows, double[] levels, boolean[] trips, double integration) {
        int n = times.length;
        double[] p = new double[n];
        double[] currents = new double[n];
        if (device != null) {
            device.observe(times, n, integration, rng, p, currents);
        }
        double noiseV = 1e-6 / Math.sqrt(Math.max(nplc, 0.01));
        double noiseI = 1e-9 / Math.sqrt(Math.max(nplc, 0.01));
        Reading[] out = new Reading[n];
        for (int k = 0; k < n; k++) {
            double r = device == null ? OPEN_CIRCUIT_OHM : device.resistance(p[k]);
            double i = flows[k];
            double v = i * r;
            boolean compliance = trips[k];
            if (forceTrip) {
                compliance = true;
                forceTrip = false;
            }
            if (compliance) {
                tripped = true;
                v = Math.signum(levels[k] == 0 ? 1 : levels[k]) * (currentFunction ? complianceVoltage : v);
            }
            v += noiseV * rng.nextGaussian();
            i += noiseI * rng.nextGaussian();
            int status = STATUS_FRONT | (compliance ? STATUS_COMPLIANCE : 0) | (senseVoltage ? STATUS_V_MEAS : 0)
                    | (senseCurrent ? STATUS_I_MEAS : 0) | (currentFunction ? STATUS_I_SOURCE : 0);
            out[k] = new Reading(times[k] - timestampZero, levels[k], v, i, compliance, status);
        }
        return out;
    }

    private ScpiException outputOff() {
        return model == SourceModel.KEITHLEY_2400 ? new ScpiException(803, "Output disabled")
                : ScpiError.SETTINGS_CONFLICT.exception("output off");
    }

    private void writeReadings(Response r, Reading[] readings, int mask) {
        boolean first = true;
        for (Reading x : readings) {
            for (int e = 0; e < ELEMENT_NAMES.length; e++) {
                if ((mask & (1 << e)) == 0) {
                    continue;
                }
                if (!first) {
                    r.put((byte) ',');
                }
                first = false;
                double v = switch (1 << e) {
                    case ELEM_VOLT -> senseVoltage || !currentFunction ? x.voltage() : 9.91e37;
                    case ELEM_CURR -> x.current();
                    case ELEM_RES -> senseResistance && x.current() != 0 ? x.voltage() / x.current() : 9.91e37;
                    case ELEM_TIME -> x.time();
                    default -> x.status();
                };
                r.nr3(v, 6);
            }
        }
    }

    private Reading[] fetch() {
        awaitOperations();
        if (lastReadings == null) {
            throw ScpiError.DATA_CORRUPT_OR_STALE.exception();
        }
        return lastReadings;
    }

    // ----------------------------------------------------------------------------------------------- commands

    private void setLevel(double level, boolean current) {
        awaitOperations();
        if (current) {
            currentLevel = inRange(level, -MAX_LEVEL_A, MAX_LEVEL_A);
        } else {
            voltageLevel = inRange(level, -MAX_LEVEL_V, MAX_LEVEL_V);
        }
        if (current == currentFunction && output) {
            applyOutput(clock.now(), SourceEvent.Cause.LEVEL);
        } else if (current == currentFunction) {
            record(SourceEvent.Cause.LEVEL);
        }
    }

    private void register(CommandTree t) {
        t.add("[:SOURce#1]:FUNCtion[:MODE]", 1, 1, c -> {
            boolean current = c.args().choice(0, "CURRent", "VOLTage") == 0;
            awaitOperations();
            if (current != currentFunction) {
                currentFunction = current;
                if (output) {
                    applyOutput(clock.now(), SourceEvent.Cause.FUNCTION);
                } else {
                    record(SourceEvent.Cause.FUNCTION);
                }
            }
        });
        t.add("[:SOURce#1]:FUNCtion[:MODE]?", c -> c.reply().ascii(currentFunction ? "CURR" : "VOLT"));
        if (model == SourceModel.KEITHLEY_2400) {
            t.add("[:SOURce#1]:CURRent:MODE", 1, 1, c -> {
                int m = c.args().choice(0, "FIXed", "LIST", "SWEep");
                if (m == 2) {
                    throw ScpiError.SETTINGS_CONFLICT.exception("staircase sweeps are not emulated; use LIST");
                }
                listMode = m == 1;
            });
            t.add("[:SOURce#1]:CURRent:MODE?", c -> c.reply().ascii(listMode ? "LIST" : "FIX"));
        }
        t.add("[:SOURce#1]:CURRent[:LEVel][:IMMediate][:AMPLitude]", 1, 1,
                c -> setLevel(c.args().number(0, Unit.AMPERE, -MAX_LEVEL_A, MAX_LEVEL_A, 0), true));
        t.add("[:SOURce#1]:CURRent[:LEVel][:IMMediate][:AMPLitude]?", 0, 1,
                c -> c.reply().nr3(queryValue(c, currentLevel, -MAX_LEVEL_A, MAX_LEVEL_A, 0), 6));
        t.add("[:SOURce#1]:VOLTage[:LEVel][:IMMediate][:AMPLitude]", 1, 1,
                c -> setLevel(c.args().number(0, Unit.VOLT, -MAX_LEVEL_V, MAX_LEVEL_V, 0), false));
        t.add("[:SOURce#1]:VOLTage[:LEVel][:IMMediate][:AMPLitude]?", 0, 1,
                c -> c.reply().nr3(queryValue(c, voltageLevel, -MAX_LEVEL_V, MAX_LEVEL_V, 0), 6));
        t.add("[:SOURce#1]:CURRent:RANGe[:UPPer]", 1, 1, c -> {
            currentRange = inRange(c.args().number(0, Unit.AMPERE, 1e-6, 1.05, 1e-4), -1.05, 1.05);
            currentRangeAuto = false;
        });
        t.add("[:SOURce#1]:CURRent:RANGe[:UPPer]?", c -> c.reply().nr3(currentRange, 6));
        t.add("[:SOURce#1]:CURRent:RANGe:AUTO", 1, 1, c -> currentRangeAuto = c.args().bool(0));
        t.add("[:SOURce#1]:CURRent:RANGe:AUTO?", c -> c.reply().put((byte) (currentRangeAuto ? '1' : '0')));
        t.add("[:SOURce#1]:DELay", 1, 1, c -> {
            sourceDelay = inRange(c.args().number(0, Unit.SECOND, 0, 9999.999, 0), 0, 9999.999);
            sourceDelayAuto = false;
        });
        t.add("[:SOURce#1]:DELay?", c -> c.reply().nr3(sourceDelay, 6));
        t.add("[:SOURce#1]:DELay:AUTO", 1, 1, c -> {
            sourceDelayAuto = c.args().bool(0);
            if (sourceDelayAuto) {
                sourceDelay = AUTO_DELAY;
            }
        });
        t.add("[:SOURce#1]:DELay:AUTO?", c -> c.reply().put((byte) (sourceDelayAuto ? '1' : '0')));
        t.add("[:SOURce#1]:LIST:CURRent", 1, Integer.MAX_VALUE, c -> list = listArgument(c.args(), new double[0]));
        t.add("[:SOURce#1]:LIST:CURRent:APPend", 1, Integer.MAX_VALUE, c -> list = listArgument(c.args(), list));
        t.add("[:SOURce#1]:LIST:CURRent?", c -> {
            Response r = c.reply();
            for (int i = 0; i < list.length; i++) {
                if (i > 0) {
                    r.put((byte) ',');
                }
                r.nr3(list[i], 6);
            }
        });
        t.add("[:SOURce#1]:LIST:CURRent:POINts?", c -> c.reply().nr1(list.length));
        t.add("[:SOURce#1]:CLEar:AUTO", 1, 1, c -> autoOutputOff = c.args().bool(0));
        t.add("[:SOURce#1]:CLEar:AUTO?", c -> c.reply().put((byte) (autoOutputOff ? '1' : '0')));
        t.add("[:SOURce#1]:CLEar[:IMMediate]", c -> {
            awaitOperations();
            output = false;
            applyOutput(clock.now(), SourceEvent.Cause.OUTPUT);
        });
        registerCompliance(t);
        t.add(":SENSe:FUNCtion[:ON]", 1, 3, c -> {
            Arguments a = c.args();
            for (int i = 0; i < a.count(); i++) {
                String f = a.string(i).trim().toUpperCase(java.util.Locale.ROOT);
                if (f.startsWith("VOLT")) {
                    senseVoltage = true;
                } else if (f.startsWith("CURR")) {
                    senseCurrent = true;
                } else if (f.startsWith("RES")) {
                    senseResistance = true;
                } else {
                    throw ScpiError.ILLEGAL_PARAMETER_VALUE.exception();
                }
                if (model == SourceModel.KEITHLEY_2450) { // one measure function at a time on the 2450
                    senseVoltage = f.startsWith("VOLT");
                    senseCurrent = f.startsWith("CURR");
                    senseResistance = f.startsWith("RES");
                }
            }
        });
        t.add(":SENSe:FUNCtion[:ON]?", c -> {
            Response r = c.reply();
            boolean first = true;
            String[] names = {"\"VOLT:DC\"", "\"CURR:DC\"", "\"RES\""};
            boolean[] on = {senseVoltage, senseCurrent, senseResistance};
            for (int i = 0; i < 3; i++) {
                if (on[i]) {
                    if (!first) {
                        r.put((byte) ',');
                    }
                    first = false;
                    r.ascii(names[i]);
                }
            }
        });
        t.add(":SENSe:FUNCtion:CONCurrent", 1, 1, c -> c.args().bool(0));
        for (String f : new String[] {"VOLTage", "CURRent", "RESistance"}) {
            t.add(":SENSe:" + f + "[:DC]:NPLCycles", 1, 1,
                    c -> nplc = inRange(c.args().number(0, Unit.NONE, 0.01, 10, 1), 0.01, 10));
            t.add(":SENSe:" + f + "[:DC]:NPLCycles?", c -> c.reply().nr3(nplc, 6));
            t.add(":SENSe:" + f + "[:DC]:RANGe[:UPPer]", 1, 1, c -> c.args().number(0, Unit.NONE, 0, 1e9, 0));
            t.add(":SENSe:" + f + "[:DC]:RANGe:AUTO", 1, 1, c -> c.args().bool(0));
        }
        t.add(":FORMat:ELEMents[:SENSe#1]", 1, 5, c -> {
            int mask = 0;
            for (int i = 0; i < c.args().count(); i++) {
                mask |= 1 << c.args().choice(i, ELEMENT_NAMES);
            }
            elements = mask;
        });
        t.add(":FORMat:ELEMents[:SENSe#1]?", c -> {
            Response r = c.reply();
            boolean first = true;
            String[] shortNames = {"VOLT", "CURR", "RES", "TIME", "STAT"};
            for (int e = 0; e < shortNames.length; e++) {
                if ((elements & (1 << e)) != 0) {
                    if (!first) {
                        r.put((byte) ',');
                    }
                    first = false;
                    r.ascii(shortNames[e]);
                }
            }
        });
        t.add(":FORMat[:DATA]", 1, 2, c -> {
            if (c.args().choice(0, "ASCii", "REAL", "SREal") != 0) {
                throw ScpiError.SETTINGS_CONFLICT.exception("only ASCII readings are emulated");
            }
        });
        t.add(":FORMat[:DATA]?", c -> c.reply().ascii("ASC"));
        t.add(":TRIGger[:SEQuence#1]:COUNt", 1, 1, c -> triggerCount = (int) inRange(
                c.args().integer(0, 1, 2500, 1), 1, 2500));
        t.add(":TRIGger[:SEQuence#1]:COUNt?", c -> c.reply().nr1(triggerCount));
        t.add(":ARM[:SEQuence#1][:LAYer#1]:COUNt", 1, 1, c -> armCount = (int) inRange(
                c.args().integer(0, 1, 2500, 1), 1, 2500));
        t.add(":ARM[:SEQuence#1][:LAYer#1]:COUNt?", c -> c.reply().nr1(armCount));
        t.add(":TRIGger[:SEQuence#1]:SOURce", 1, 1, c -> c.args().choice(0, "IMMediate", "TLINk"));
        t.add(":TRIGger[:SEQuence#1]:SOURce?", c -> c.reply().ascii("IMM"));
        t.add(":ARM[:SEQuence#1][:LAYer#1]:SOURce", 1, 1,
                c -> c.args().choice(0, "IMMediate", "TIMer", "MANual", "BUS", "TLINk", "NSTest", "PSTest",
                        "BSTest"));
        t.add(":TRIGger[:SEQuence#1]:DELay", 1, 1, c -> c.args().number(0, Unit.SECOND, 0, 999.9999, 0));
        t.add(":TRIGger[:SEQuence#1]:OUTPut", 1, 3, c -> {
            StringBuilder events = new StringBuilder();
            boolean any = false;
            for (int i = 0; i < c.args().count(); i++) {
                int e = c.args().choice(i, "SOURce", "DELay", "SENSe", "NONE");
                if (e != 3) {
                    any = true;
                    if (events.length() > 0) {
                        events.append(',');
                    }
                    events.append(new String[] {"SOUR", "DEL", "SENS"}[e]);
                }
            }
            triggerOutput = any;
            triggerOutputEvents = any ? events.toString() : "NONE";
        });
        t.add(":TRIGger[:SEQuence#1]:OUTPut?", c -> c.reply().ascii(triggerOutputEvents));
        t.add(":TRIGger[:SEQuence#1]:OLINe", 1, 1, c -> c.args().integer(0, 1, 4, 2));
        t.add(":TRIGger[:SEQuence#1]:CLEar", c -> { });
        t.add(":INITiate[:IMMediate]", c -> initiate());
        t.add(":ABORt", c -> abortOperations());
        t.add(":READ?", 0, 5, c -> {
            initiate();
            readReply(c, fetch());
        });
        t.add(":FETCh?", 0, 5, c -> readReply(c, fetch()));
        t.add(":MEASure:VOLTage[:DC]?", c -> {
            initiate();
            writeReadings(c.reply(), fetch(), ELEM_VOLT);
        });
        t.add(":MEASure:CURRent[:DC]?", c -> {
            initiate();
            writeReadings(c.reply(), fetch(), ELEM_CURR);
        });
        t.add(":OUTPut#1[:STATe]", 1, 1, c -> {
            boolean on = c.args().bool(0);
            awaitOperations();
            if (on != output) {
                output = on;
                applyOutput(clock.now(), SourceEvent.Cause.OUTPUT);
            }
        });
        t.add(":OUTPut#1[:STATe]?", c -> c.reply().put((byte) (output ? '1' : '0')));
        t.add(":OUTPut#1:SMODe", 1, 1, c -> c.args().choice(0, "HIMPedance", "NORMal", "ZERO", "GUARd"));
        t.add(":SYSTem:RSENse", 1, 1, c -> c.args().bool(0));
        t.add(":SYSTem:AZERo[:STATe]", 1, 1, c -> c.args().text(0));
        t.add(":SYSTem:BEEPer:STATe", 1, 1, c -> c.args().bool(0));
        t.add(":SYSTem:LFRequency?", c -> c.reply().nr1((long) LINE_FREQUENCY));
        t.add(":SYSTem:TIME:RESet", c -> timestampZero = clock.now());
        t.add(":SYSTem:PRESet", c -> {
            abortOperations();
            resetSettings();
        });
        t.add(":STATus:PRESet", c -> { });
        t.add(":STATus:QUEue:CLEar", c -> errors.clear());
        t.add(":DISPlay:ENABle", 1, 1, c -> c.args().bool(0));
        t.add(":ROUTe:TERMinals", 1, 1, c -> c.args().choice(0, "FRONt", "REAR"));
        t.add(":ROUTe:TERMinals?", c -> c.reply().ascii("FRON"));
        if (model == SourceModel.KEITHLEY_2450) {
            register2450(t);
        }
    }

    private void registerCompliance(CommandTree t) {
        if (model == SourceModel.KEITHLEY_2400) {
            t.add(":SENSe:VOLTage[:DC]:PROTection[:LEVel]", 1, 1, c -> setCompliance(
                    c.args().number(0, Unit.VOLT, 0.2e-3, 210, 21), 0.2e-3));
            t.add(":SENSe:VOLTage[:DC]:PROTection[:LEVel]?", c -> c.reply().nr3(complianceVoltage, 6));
            t.add(":SENSe:VOLTage[:DC]:PROTection:TRIPped?", c -> c.reply().put((byte) (tripped ? '1' : '0')));
            t.add(":SENSe:CURRent[:DC]:PROTection[:LEVel]", 1, 1, c -> complianceCurrent = inRange(
                    c.args().number(0, Unit.AMPERE, 1e-9, 1.05, 105e-6), 1e-9, 1.05));
            t.add(":SENSe:CURRent[:DC]:PROTection[:LEVel]?", c -> c.reply().nr3(complianceCurrent, 6));
            t.add(":SENSe:CURRent[:DC]:PROTection:TRIPped?", c -> c.reply().put((byte) (tripped ? '1' : '0')));
        } else {
            t.add("[:SOURce#1]:CURRent:VLIMit[:LEVel]", 1, 1, c -> setCompliance(
                    c.args().number(0, Unit.VOLT, 0.02, 210, 21), 0.02));
            t.add("[:SOURce#1]:CURRent:VLIMit[:LEVel]?", c -> c.reply().nr3(complianceVoltage, 6));
            t.add("[:SOURce#1]:CURRent:VLIMit:TRIPped?", c -> c.reply().put((byte) (tripped ? '1' : '0')));
            t.add("[:SOURce#1]:VOLTage:ILIMit[:LEVel]", 1, 1, c -> complianceCurrent = inRange(
                    c.args().number(0, Unit.AMPERE, 1e-8, 1.05, 105e-6), 1e-8, 1.05));
            t.add("[:SOURce#1]:VOLTage:ILIMit[:LEVel]?", c -> c.reply().nr3(complianceCurrent, 6));
            t.add("[:SOURce#1]:VOLTage:ILIMit:TRIPped?", c -> c.reply().put((byte) (tripped ? '1' : '0')));
        }
    }

    /** Both models take up to 100 values per command and, with APPend, up to 2500 in all (their manuals). */
    private static double[] listArgument(Arguments a, double[] before) {
        if (a.count() > 100 || before.length + a.count() > 2500) {
            throw ScpiError.TOO_MUCH_DATA.exception();
        }
        double[] values = Arrays.copyOf(before, before.length + a.count());
        for (int i = 0; i < a.count(); i++) {
            values[before.length + i] = inRange(a.number(i, Unit.AMPERE, -MAX_LEVEL_A, MAX_LEVEL_A, 0),
                    -MAX_LEVEL_A, MAX_LEVEL_A);
        }
        return values;
    }

    private void setCompliance(double v, double min) {
        complianceVoltage = inRange(v, min, 210);
        if (output) {
            applyOutput(clock.now(), SourceEvent.Cause.LEVEL);
        }
    }

    private void register2450(CommandTree t) {
        t.add("*LANG?", c -> c.reply().ascii("SCPI"));
        t.add("*LANG", 1, 1, c -> {
            if (c.args().choice(0, "SCPI", "TSP", "SCPI2400") != 0) {
                throw ScpiError.SETTINGS_CONFLICT.exception("only SCPI is emulated");
            }
        });
        t.add("[:SOURce#1]:SWEep:CURRent:LIST", 2, 5, c -> {
            Arguments a = c.args();
            int start = (int) a.integer(0, 1, 2500, 1);
            double delay = a.number(1, Unit.SECOND, 0, 10000, 0);
            int count = a.count() > 2 ? (int) a.integer(2, 1, 268_000_000, 1) : 1;
            if (a.count() > 3) {
                a.bool(3); // failAbort
            }
            if (a.count() > 4) {
                requireDefaultBuffer(a.string(4));
            }
            if (start < 1 || start > Math.max(1, list.length)) {
                throw ScpiError.DATA_OUT_OF_RANGE.exception("start index");
            }
            if (count < 1 || count > 100_000) {
                throw ScpiError.DATA_OUT_OF_RANGE.exception("count");
            }
            sweepStartIndex = start;
            sourceDelay = inRange(delay, 0, 10000);
            sourceDelayAuto = false;
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
            if (from < 1 || to < from || to > buffer.size()) {
                throw ScpiError.DATA_OUT_OF_RANGE.exception("buffer index");
            }
            write2450Buffer(c.reply(), buffer.subList((int) from - 1, (int) to), a, 3);
        });
        t.add(":TRACe:ACTual?", 0, 1, c -> {
            awaitOperations();
            c.reply().nr1(buffer.size());
        });
        t.add(":TRACe:CLEar", 0, 1, c -> buffer.clear());
        t.add(":TRACe:POINts?", 0, 1, c -> c.reply().nr1(BUFFER_CAPACITY));
        t.add(":DIGital:LINE#6:MODE", 2, 2, c -> {
            boolean trigger = c.args().choice(0, "TRIGger", "DIGital", "SYNChronous") == 0;
            boolean out = c.args().choice(1, "IN", "OUT", "OPENdrain", "MASTer", "ACCeptor") != 0;
            triggerOutput = trigger && out;
            triggerOutputEvents = triggerOutput ? "SOUR" : "NONE";
        });
        t.add(":TRIGger:DIGital#6:OUTPut[:STIMulus]", 1, 1, c -> {
            String s = c.args().text(0);
            triggerOutput = !s.equals("NONE");
            triggerOutputEvents = triggerOutput ? "SOUR" : "NONE";
        });
        t.add(":TRIGger:DIGital#6:OUTPut:LOGic", 1, 1, c -> c.args().choice(0, "POSitive", "NEGative"));
        t.add(":TRIGger:DIGital#6:OUTPut:PULSewidth", 1, 1, c -> c.args().number(0, Unit.SECOND, 1e-5, 100, 1e-5));
    }

    private static void requireDefaultBuffer(String name) {
        if (!name.equalsIgnoreCase("defbuffer1") && !name.equalsIgnoreCase("defbuffer2")) {
            throw ScpiError.ILLEGAL_PARAMETER_VALUE.exception("unknown buffer " + name);
        }
    }

    private void readReply(Call c, Reading[] readings) {
        if (model == SourceModel.KEITHLEY_2400) {
            if (c.args().count() > 0) {
                throw ScpiError.PARAMETER_NOT_ALLOWED.exception();
            }
            writeReadings(c.reply(), readings, elements);
            return;
        }
        // 2450: READ? ["buffer"[, elements]] gives the last reading of the measure function.
        Arguments a = c.args();
        if (a.count() > 0) {
            requireDefaultBuffer(a.string(0));
        }
        write2450Buffer(c.reply(), List.of(readings[readings.length - 1]), a, 1);
    }

    private void write2450Buffer(Response r, List<Reading> readings, Arguments a, int firstElement) {
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
                    case 0 -> senseVoltage ? x.voltage() : senseCurrent ? x.current()
                            : x.current() != 0 ? x.voltage() / x.current() : 9.91e37;
                    case 1 -> x.source();
                    case 2, 3 -> x.time();
                    default -> x.status();
                };
                r.nr3(v, 6);
            }
        }
    }

    private double queryValue(Call c, double value, double min, double max, double def) {
        if (c.args().count() == 0) {
            return value;
        }
        int which = c.args().choice(0, "MINimum", "MAXimum", "DEFault");
        return which == 0 ? min : which == 1 ? max : def;
    }
}
