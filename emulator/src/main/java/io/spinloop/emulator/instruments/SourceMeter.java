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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An emulated SourceMeter sourcing into one STNO, whatever its model: the state machine the models share —
 * fixed levels, the source list, the trigger model that sources, measures and stores every point, voltage
 * readings from the device's magnetoresistive voltage, compliance, a trigger-link output, the reading buffer
 * and a history of everything it was told — and the SCPI commands that drive it. A model ({@link Keithley2400},
 * {@link Keithley2450}) adds its identity, its command spellings where they differ (compliance, how a list is
 * run, how readings are returned), its capabilities and its timing.
 *
 * <p>Timing follows the instrument: each point of a triggered reading takes the source delay plus the
 * integration time (NPLC / 60 Hz) plus the model's {@linkplain #pointOverhead() overhead per point}. With
 * instrument limits lifted (for studies) a point takes just the source delay.
 */
public abstract class SourceMeter extends Instrument {
    /**
     * A current-source model: the name it is registered and configured under, who it says it is, and the class
     * that behaves like it.
     *
     * @param name     registry name, upper case with underscores ({@code KEITHLEY_2400})
     * @param identity its {@code *IDN?} fields
     * @param factory  builds one unit, normally the model class's constructor
     */
    public record Model(String name, ModelIdentity identity, Factory factory) {
        /** Builds one unit of this model, sourcing into {@code device} (null for open terminals). */
        public SourceMeter build(InstrumentSetup setup, Stno device) {
            return factory.create(this, setup, device);
        }
    }

    /** Builds one unit of a model; a model class's constructor fits ({@code Keithley2400::new}). */
    @FunctionalInterface
    public interface Factory {
        SourceMeter create(Model model, InstrumentSetup setup, Stno device);
    }

    private static final double LINE_FREQUENCY = 60;
    /** SCPI's not-a-number: what a reading that measured nothing holds. */
    protected static final double NOT_MEASURED = 9.91e37;
    private static final double AUTO_DELAY = 1e-3;
    private static final double MAX_LEVEL_A = 1.05;
    private static final double MAX_LEVEL_V = 210;
    private static final double OPEN_CIRCUIT_OHM = 1e12;
    /** Readings the buffer keeps; older ones are dropped (a circular buffer). */
    protected static final int BUFFER_CAPACITY = 100_000;
    /** The history keeps the newest events; a long-running bench must not grow without bound. */
    private static final int HISTORY_CAPACITY = 1_000_000;
    private static final int STATUS_FRONT = 4;
    private static final int STATUS_COMPLIANCE = 8;
    private static final int STATUS_V_MEAS = 1 << 11;
    private static final int STATUS_I_MEAS = 1 << 12;
    private static final int STATUS_I_SOURCE = 1 << 15;

    private final Model model;
    private final Stno device;
    private final boolean enforceLimits;
    private final CurrentTimeline timeline = new CurrentTimeline();
    private final List<SourceEvent> history = new ArrayList<>();
    private final List<TriggerInput> triggerOutputs = new ArrayList<>();

    // Settings (see resetSettings for the *RST values).
    private boolean currentFunction;
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
    /** {@code :SYSTem:AZERo}: a reference and a zero reading taken with every reading. */
    private boolean autoZero;
    /** {@code :TRIGger:DELay}, s: waited before each point's source action. */
    private double triggerDelay;
    /** False while a run sources without measuring ({@link #initiateWithoutAcquire}). */
    private boolean runAcquires = true;
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

    // State.
    private boolean tripped;
    private boolean forceTrip;
    /** Latches each compliance the source reaches, whatever the level does next (the 2400's {@code :STAT:MEAS?}). */
    private final MeasurementEventRegister measurementEvents = new MeasurementEventRegister();
    private double pendingEnd = NONE;
    private double timestampZero;
    private Reading[] lastReadings;
    private final List<Reading> buffer = new ArrayList<>();

    private static final String[] ELEMENT_NAMES = {"VOLTage", "CURRent", "RESistance", "TIME", "STATus"};
    /** {@code :FORMat:ELEMents} bits. */
    protected static final int ELEM_VOLT = 1;
    protected static final int ELEM_CURR = 2;
    protected static final int ELEM_RES = 4;
    protected static final int ELEM_TIME = 8;
    protected static final int ELEM_STAT = 16;

    /** One reading of a triggered measurement. */
    protected record Reading(double time, double source, double voltage, double current, boolean compliance,
                             int status) {
    }

    /**
     * Registers the commands (the model's where the hooks say) and powers on. The hooks run from here, before
     * the model's own constructor: model fields they set must not have initialisers.
     *
     * @param device the oscillator wired to the output, or null for open terminals
     * @param errorQueueCapacity entries the model's error queue holds
     */
    protected SourceMeter(Model model, InstrumentSetup setup, Stno device, int errorQueueCapacity) {
        super(setup.name(), setup.clock(), setup.seed(), errorQueueCapacity, setup.serialNumber());
        this.model = model;
        this.device = device;
        this.enforceLimits = setup.enforceLimits();
        if (device != null) {
            device.connect(timeline);
        }
        register(commands());
        resetSettings();
        history.clear();
        record(SourceEvent.Cause.POWER_ON);
    }

    public Model model() {
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
    public final String identity() {
        return model.identity().idn(String.format("EMU-%04d", serialNumber));
    }

    // --------------------------------------------------------------------------- what a model says about itself

    /** The {@code :FORMat:ELEMents} a {@code *RST} selects ({@code ELEM_*} bits). */
    protected abstract int defaultElements();

    /** What {@code :INITiate} with the output off raises (unless the output switches on by itself). */
    protected abstract ScpiException outputOffError();

    /** Time each point of a triggered reading takes besides the source delay and the integration, s. */
    protected abstract double pointOverhead();

    /** Most values the source list holds (with {@code :APPend}). */
    protected abstract int listCapacity();

    /** Most values one {@code :SOURce:LIST:CURRent} command carries. */
    protected abstract int listValuesPerCommand();

    /** Registers the model's compliance commands, usually through {@link #registerComplianceCommands}. */
    protected abstract void registerCompliance(CommandTree t);

    /** Writes the reply of {@code :READ?} and {@code :FETCh?} for the readings of the last trigger model run. */
    protected abstract void readReply(Call c, Reading[] readings);

    /** Registers the model's way of choosing between a fixed level and a list (right after the function). */
    protected void registerSourceMode(CommandTree t) {
    }

    /** Registers the commands only this model has (after all shared ones). */
    protected void registerModelCommands(CommandTree t) {
    }

    /** Whether selecting a measure function turns the others off (one function at a time). */
    protected boolean oneMeasureFunction() {
        return false;
    }

    /**
     * Whether the model measures (a SourceMeter does; a current source such as the 6221 does not): without, it has no
     * sense commands and no {@code :READ?}, {@code :FETCh?} or {@code :MEASure} queries, which then raise -113.
     */
    protected boolean measures() {
        return true;
    }

    /** The largest current the model sources, A (1.05 A on the Keithley SourceMeters). */
    protected double maxCurrentA() {
        return MAX_LEVEL_A;
    }

    /** Whether the model sources current only (no {@code :FUNCtion}; {@code *RST} leaves it a current source). */
    protected boolean currentOnly() {
        return false;
    }

    /** Restores the model's own {@code *RST} settings. */
    protected void resetModelSettings() {
    }

    /** The levels one run of the trigger model sources, point by point: the programmed level by default. */
    protected double[] sweepLevels() {
        double[] levels = new double[triggerPoints()];
        Arrays.fill(levels, programmedLevel());
        return levels;
    }

    /** Whether the run that is about to start sweeps (a list): the output goes back to its level at the end. */
    protected boolean sweepReturnsToLevel() {
        return false;
    }

    /**
     * Whether a run stops, switching the output off, at the first point that reaches compliance (the B2900's output
     * protection, {@code :OUTPut:PROTection ON}); the trip flag stays set for the driver to find.
     */
    protected boolean stopsAtCompliance() {
        return false;
    }

    /** Whether the run under way measures (false while sourcing alone, {@link #initiateWithoutAcquire}). */
    protected final boolean runAcquires() {
        return runAcquires;
    }

    /** Whether the run that is about to start clears the reading buffer first. */
    protected boolean sweepClearsBuffer() {
        return false;
    }

    // ---------------------------------------------------------------------------- state the models work with

    /** The source list as programmed (not a copy: read only). */
    protected final double[] sourceList() {
        return list;
    }

    /** Points one run of the trigger model takes: trigger count times arm count. */
    protected final int triggerPoints() {
        return triggerCount * armCount;
    }

    /** Sets a fixed source delay (auto delay off). */
    protected final void setSourceDelay(double seconds) {
        sourceDelay = seconds;
        sourceDelayAuto = false;
    }

    /** Switches the trigger-link output on (a pulse as each point is sourced) or off. */
    protected final void setTriggerOutput(boolean on) {
        triggerOutput = on;
        triggerOutputEvents = on ? "SOUR" : "NONE";
    }

    /** The reading buffer, oldest first. */
    protected final List<Reading> buffer() {
        return buffer;
    }

    /** The {@code :FORMat:ELEMents} in force ({@code ELEM_*} bits). */
    protected final int elements() {
        return elements;
    }

    /**
     * Whether the model powers up and resets with auto zero on (the Keithleys: reference and zero with every reading).
     * A model whose A/D refreshes them otherwise overrides this.
     */
    protected boolean autoZeroAtReset() {
        return true;
    }

    /** Sets the delay before each point's source action, s (the B2900's transient delay, the 2450's source delay). */
    protected final void setTriggerDelay(double seconds) {
        triggerDelay = seconds;
    }

    protected final double triggerDelay() {
        return triggerDelay;
    }

    /** The integration time of a reading, power-line cycles. */
    protected final double nplc() {
        return nplc;
    }

    /** Sets the integration time (a model with its own NPLC range or spellings registers its own command). */
    protected final void setNplc(double plc) {
        nplc = plc;
    }

    /** The power-line frequency the emulated instruments integrate against, Hz. */
    protected static double lineFrequency() {
        return LINE_FREQUENCY;
    }

    /** The {@code :SENSe:...:NPLCycles} range the model takes: the Keithleys' 0.01 to 10. */
    protected double[] nplcRange() {
        return new double[] {0.01, 10};
    }

    /** The integration time *RST and power-on set, power-line cycles (1 on the Keithleys). */
    protected double nplcAtReset() {
        return 1;
    }

    /** Whether an NPLC outside the range is set to the nearest limit (the B2900) rather than refused with -222. */
    protected boolean clampsNplc() {
        return false;
    }

    /** Whether the model has {@code :SYSTem:AZERo} (a model without, such as the B2900, answers it with -113). */
    protected boolean hasSystemAutoZero() {
        return true;
    }

    /**
     * Whether the model has the 2400's {@code :TRIGger:DELay} (a 2450 delays in its trigger model's blocks and source
     * delay instead, and answers it with -113).
     */
    protected boolean hasTriggerDelay() {
        return true;
    }

    /** Sets auto zero (the 2450 spells it per measure function). */
    protected final void setAutoZero(boolean on) {
        autoZero = on;
    }

    protected final boolean autoZero() {
        return autoZero;
    }

    protected final boolean sensesVoltage() {
        return senseVoltage;
    }

    protected final boolean sensesCurrent() {
        return senseCurrent;
    }

    /** Whether the output is limited by its compliance now (or a trip was injected and not yet read). */
    protected final boolean inCompliance() {
        return tripped || forceTrip;
    }

    @Override
    protected final void resetSettings() {
        double now = clock.now();
        pendingEnd = NONE;
        currentFunction = currentOnly(); // *RST: source voltage, as the SourceMeter manuals say
        currentLevel = 0;
        voltageLevel = 0;
        currentRange = 1e-4;
        currentRangeAuto = true;
        sourceDelay = AUTO_DELAY;
        sourceDelayAuto = true;
        list = new double[0];
        complianceVoltage = 21;
        complianceCurrent = 105e-6;
        nplc = nplcAtReset();
        autoZero = autoZeroAtReset();
        triggerDelay = 0;
        senseVoltage = true;
        senseCurrent = true;
        senseResistance = false;
        elements = defaultElements();
        triggerCount = 1;
        armCount = 1;
        triggerOutput = false;
        triggerOutputEvents = "NONE";
        output = false;
        autoOutputOff = false;
        resetModelSettings();
        tripped = false;
        lastReadings = null;
        buffer.clear();
        timestampZero = now;
        timeline.set(now, 0);
        record(SourceEvent.Cause.RESET);
    }

    @Override
    protected final void poweredOn() {
        measurementEvents.clear();
        record(SourceEvent.Cause.POWER_ON);
    }

    @Override
    protected final void clearEventRegisters() {
        measurementEvents.clear();
    }

    /** Bit 0 of the status byte, the measurement summary bit: an enabled measurement event is latched. */
    @Override
    protected int deviceStatusBits() {
        return measurementEvents.summary() ? 1 : 0;
    }

    @Override
    protected final void abortOperations() {
        if (pendingEnd != NONE) {
            pendingEnd = NONE;
            applyOutput(clock.now(), SourceEvent.Cause.RESET);
        }
    }

    @Override
    protected final double operationEnd() {
        return pendingEnd;
    }

    @Override
    protected final void completeOperations() {
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

    /** The level of the source function in force. */
    protected final double programmedLevel() {
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
                reachCompliance();
                return Math.signum(level) * complianceVoltage / r;
            }
            tripped = false;
            return level;
        }
        double r = resistanceAt(time, 0);
        double i = level / r;
        if (Math.abs(i) > complianceCurrent) {
            reachCompliance();
            return Math.signum(i) * complianceCurrent;
        }
        tripped = false;
        return i;
    }

    /**
     * The source is limited by its compliance: the condition ({@link #tripped}, what {@code :TRIPped?} reports, cleared
     * when the level leaves the compliance) and the latched event, which stays until it is read or cleared.
     */
    private void reachCompliance() {
        tripped = true;
        measurementEvents.latch(MeasurementEventRegister.COMPLIANCE);
    }

    /** Puts the present output state on the timeline and in the history. */
    private void applyOutput(double time, SourceEvent.Cause cause) {
        double i = output ? flowing(time, programmedLevel()) : 0;
        timeline.set(time, i);
        record(time, cause, i);
    }

    /**
     * How long one point of a triggered reading takes, following the manuals' trigger model and timing: the
     * trigger delay, the source delay, then the measurement, then the processing overhead. The measurement is one
     * integration of NPLC power-line cycles for the reading; with auto zero on, the A/D also takes its reference and
     * zero readings, each an integration as long (2400 manual, "Auto zero" and "NPLC caching": new reference and
     * zero values for every reading), so a reading costs {@value #AUTO_ZERO_INTEGRATIONS} integrations. With every
     * measure function off (a source-only list) there is no integration at all. With instrument limits lifted (for
     * studies) a point takes its delays alone.
     */
    double pointPeriod() {
        if (!enforceLimits) {
            return Math.max(sourceDelay + triggerDelay, 1e-9);
        }
        return enforcedPointPeriod(triggerDelay, sourceDelay, measurementTime());
    }

    /**
     * The point period with the instrument's limits enforced, from the delays and the measurement time this run
     * charges: by default the Keithleys' sequence, trigger delay + source delay + measurement + processing. A model
     * whose trigger model runs its source and measure actions in parallel (the B2900) overrides this.
     */
    protected double enforcedPointPeriod(double triggerDelayS, double sourceDelayS, double measurementS) {
        return triggerDelayS + sourceDelayS + measurementS + pointOverhead();
    }

    /** Integrations a reading costs with auto zero on: the reading, the reference and the zero. */
    static final int AUTO_ZERO_INTEGRATIONS = 3;

    /** Time the A/D spends on one point's measurement, s (0 for a source-only point). */
    private double measurementTime() {
        if (!measuring() || !runAcquires) {
            return 0;
        }
        return nplc / LINE_FREQUENCY * (autoZero ? AUTO_ZERO_INTEGRATIONS : 1);
    }

    /** Whether a point measures anything (a 2400 with {@code :SENSe:FUNCtion:OFF:ALL} only sources). */
    private boolean measuring() {
        return senseVoltage || senseCurrent || senseResistance;
    }

    /**
     * Runs the trigger model's source actions alone (the B2900's {@code :INITiate:TRANsient}): every point sourced,
     * none measured, so no integration is charged and the readings' voltages are 9.91e37 (not measured).
     */
    protected final void initiateWithoutAcquire() {
        runAcquires = false;
        try {
            initiate();
        } finally {
            runAcquires = true;
        }
    }

    /** Runs the trigger model: every point sourced, measured and stored; the sweep ends in the future. */
    private void initiate() {
        awaitOperations();
        if (!output) {
            if (!autoOutputOff) {
                throw outputOffError();
            }
            output = true;
            applyOutput(clock.now(), SourceEvent.Cause.OUTPUT);
        }
        double[] levels = sweepLevels();
        if (sweepClearsBuffer()) {
            buffer.clear();
        }
        int n = levels.length;
        double period = pointPeriod();
        double t0 = clock.now();
        double[] times = new double[n];
        double[] measureTimes = new double[n];
        double[] flows = new double[n];
        boolean[] trips = new boolean[n];
        double integration = enforceLimits ? nplc / LINE_FREQUENCY : 0;
        boolean stopped = false;
        for (int k = 0; k < n; k++) {
            times[k] = t0 + k * period + triggerDelay;
            measureTimes[k] = times[k] + sourceDelay + integration / 2;
            double level = levels[k];
            flows[k] = flowing(times[k], level);
            trips[k] = tripped;
            timeline.set(times[k], flows[k]);
            addHistory(new SourceEvent(times[k], SourceEvent.Cause.SWEEP_STEP, currentFunction ? "CURR" : "VOLT",
                    level, true, flows[k]));
            if (trips[k] && stopsAtCompliance()) {
                // the instrument switches its output off at the point that reached compliance; the run ends there
                n = k + 1;
                stopped = true;
                times = Arrays.copyOf(times, n);
                measureTimes = Arrays.copyOf(measureTimes, n);
                flows = Arrays.copyOf(flows, n);
                trips = Arrays.copyOf(trips, n);
                levels = Arrays.copyOf(levels, n);
                break;
            }
        }
        double end = stopped ? times[n - 1] : t0 + n * period;
        Reading[] readings = measure(measureTimes, flows, levels, trips, integration);
        if (autoOutputOff || stopped) {
            output = false;
        }
        if (stopped) {
            applyOutput(end, SourceEvent.Cause.OUTPUT);
        } else if (sweepReturnsToLevel() || autoOutputOff) {
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
                reachCompliance();
                v = Math.signum(levels[k] == 0 ? 1 : levels[k]) * (currentFunction ? complianceVoltage : v);
            }
            v += noiseV * rng.nextGaussian();
            i += noiseI * rng.nextGaussian();
            if (!runAcquires) {
                v = NOT_MEASURED; // a source action alone reads nothing
            }
            int status = STATUS_FRONT | (compliance ? STATUS_COMPLIANCE : 0) | (senseVoltage ? STATUS_V_MEAS : 0)
                    | (senseCurrent ? STATUS_I_MEAS : 0) | (currentFunction ? STATUS_I_SOURCE : 0);
            out[k] = new Reading(times[k] - timestampZero, levels[k], v, i, compliance, status);
        }
        return out;
    }

    /** Writes the {@code mask} elements of every reading, comma separated. */
    protected final void writeReadings(Response r, Reading[] readings, int mask) {
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

    /** Runs the trigger model once (as {@code :INITiate} does) and returns its readings (for a model's queries). */
    protected final Reading[] runAndFetch() {
        initiate();
        return fetch();
    }

    /** The readings of the last run of the trigger model, once it is done (as {@code :FETCh?} returns them). */
    protected final Reading[] fetchLast() {
        return fetch();
    }

    /**
     * Wires channel {@code channel} (from 2) of a source with several to {@code device}, addressed on the bench as
     * {@code name}; it answers through this unit's connections. Models with one channel refuse.
     */
    public SourceMeter addChannel(int channel, String name, Stno device) {
        throw new IllegalArgumentException(model.name() + " has one channel; it cannot source on channel " + channel
                + " for '" + name + "'");
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
            currentLevel = inRange(level, -maxCurrentA(), maxCurrentA());
        } else {
            voltageLevel = inRange(level, -MAX_LEVEL_V, MAX_LEVEL_V);
        }
        if (current == currentFunction && output) {
            applyOutput(clock.now(), SourceEvent.Cause.LEVEL);
        } else if (current == currentFunction) {
            record(SourceEvent.Cause.LEVEL);
        }
    }

    /** Registers every command, in an order that keeps the first match of a header the intended one. */
    private void register(CommandTree t) {
        registerSourceCommands(t);
        registerCompliance(t);
        if (measures()) {
            registerSenseCommands(t);
        }
        registerTriggerModelCommands(t);
        registerOutputAndSystemCommands(t);
        registerModelCommands(t);
    }

    /** Function, levels, range, delay, the source list and the output-off-after-sweep switch. */
    private void registerSourceCommands(CommandTree t) {
        if (!currentOnly()) {
            registerFunctionCommands(t);
        }
        registerSourceMode(t);
        registerLevelCommands(t);
    }

    private void registerFunctionCommands(CommandTree t) {
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
    }

    private void registerLevelCommands(CommandTree t) {
        t.add("[:SOURce#1]:CURRent[:LEVel][:IMMediate][:AMPLitude]", 1, 1,
                c -> setLevel(c.args().number(0, Unit.AMPERE, -maxCurrentA(), maxCurrentA(), 0), true));
        t.add("[:SOURce#1]:CURRent[:LEVel][:IMMediate][:AMPLitude]?", 0, 1,
                c -> c.reply().nr3(queryValue(c, currentLevel, -maxCurrentA(), maxCurrentA(), 0), 6));
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
    }

    /** Measure functions, integration time and the reading format. */
    private void registerSenseCommands(CommandTree t) {
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
                if (oneMeasureFunction()) {
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
            if (!measuring()) {
                r.ascii("\"\""); // every function off: an empty string, not no reply
                return;
            }
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
        // Every measure function off: the SourceMeter only sources (readings of the functions off read 9.91e37).
        t.add(":SENSe:FUNCtion:OFF:ALL", c -> {
            senseVoltage = false;
            senseCurrent = false;
            senseResistance = false;
        });
        for (String f : new String[] {"VOLTage", "CURRent", "RESistance"}) {
            t.add(":SENSe:" + f + "[:DC]:NPLCycles", 1, 1, c -> {
                double[] range = nplcRange();
                double v = c.args().number(0, Unit.NONE, range[0], range[1], 1);
                nplc = clampsNplc() ? Math.min(range[1], Math.max(range[0], v)) : inRange(v, range[0], range[1]);
            });
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
    }

    /** Trigger and arm counts, the trigger-link output, and the commands that run the trigger model. */
    private void registerTriggerModelCommands(CommandTree t) {
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
        if (hasTriggerDelay()) {
            t.add(":TRIGger[:SEQuence#1]:DELay", 1, 1,
                    c -> triggerDelay = inRange(c.args().number(0, Unit.SECOND, 0, 999.9999, 0), 0, 999.9999));
            t.add(":TRIGger[:SEQuence#1]:DELay?", c -> c.reply().nr3(triggerDelay, 6));
        }
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
        if (measures()) {
            registerReadings(t);
        }
    }

    private void registerReadings(CommandTree t) {
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
    }

    private void registerOutputAndSystemCommands(CommandTree t) {
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
        if (hasSystemAutoZero()) {
            t.add(":SYSTem:AZERo[:STATe]", 1, 1, c -> {
                awaitOperations();
                // ONCE refreshes the reference and zero now and leaves auto zero off, as on the 2400.
                autoZero = !c.args().isMnemonic(0, "ONCE") && c.args().bool(0);
            });
            t.add(":SYSTem:AZERo[:STATe]?", c -> c.reply().put((byte) (autoZero ? '1' : '0')));
        }
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
    }

    /**
     * Registers compliance commands under the model's spellings: {@code voltageLimit[:LEVel]}, its query and
     * {@code :TRIPped?} for the voltage limit of a current source, the same under {@code currentLimit} for the
     * current limit of a voltage source.
     */
    protected final void registerComplianceCommands(CommandTree t, String voltageLimit, double minVoltage,
                                                    String currentLimit, double minCurrent) {
        registerVoltageLimit(t, voltageLimit, minVoltage, 210);
        t.add(voltageLimit + ":TRIPped?", c -> c.reply().put((byte) (tripped ? '1' : '0')));
        t.add(currentLimit + "[:LEVel]", 1, 1, c -> complianceCurrent = inRange(
                c.args().number(0, Unit.AMPERE, minCurrent, 1.05, 105e-6), minCurrent, 1.05));
        t.add(currentLimit + "[:LEVel]?", c -> c.reply().nr3(complianceCurrent, 6));
        t.add(currentLimit + ":TRIPped?", c -> c.reply().put((byte) (tripped ? '1' : '0')));
    }

    /**
     * Registers the measurement status set as the 2400 has it: the condition ({@code :CONDition?}, bit B14 while the
     * source is in compliance), the latched events ({@code [:EVENt]?}, read and cleared by the query) and their enable
     * register ({@code :ENABle}, which feeds the status byte's bit 0).
     */
    protected final void registerMeasurementStatusCommands(CommandTree t) {
        t.add(":STATus:MEASurement[:EVENt]?", c -> {
            awaitOperations();
            c.reply().nr1(measurementEvents.readAndClear());
        });
        t.add(":STATus:MEASurement:CONDition?", c -> c.reply().nr1(inCompliance()
                ? MeasurementEventRegister.COMPLIANCE : 0));
        t.add(":STATus:MEASurement:ENABle", 1, 1, c -> measurementEvents.setEnable(
                (int) c.args().integer(0, 0, 65535, 0)));
        t.add(":STATus:MEASurement:ENABle?", c -> c.reply().nr1(measurementEvents.enable()));
    }

    /** Registers {@code voltageLimit[:LEVel]} and its query alone: the voltage compliance of a current source. */
    protected final void registerVoltageLimit(CommandTree t, String voltageLimit, double minVoltage, double maxVoltage) {
        t.add(voltageLimit + "[:LEVel]", 1, 1, c -> setCompliance(
                c.args().number(0, Unit.VOLT, minVoltage, maxVoltage, 21), minVoltage, maxVoltage));
        t.add(voltageLimit + "[:LEVel]?", c -> c.reply().nr3(complianceVoltage, 6));
    }

    /** Values of a list command appended to {@code before}, within the model's list capacity. */
    private double[] listArgument(Arguments a, double[] before) {
        if (a.count() > listValuesPerCommand() || before.length + a.count() > listCapacity()) {
            throw ScpiError.TOO_MUCH_DATA.exception();
        }
        double[] values = Arrays.copyOf(before, before.length + a.count());
        for (int i = 0; i < a.count(); i++) {
            values[before.length + i] = inRange(a.number(i, Unit.AMPERE, -maxCurrentA(), maxCurrentA(), 0),
                    -maxCurrentA(), maxCurrentA());
        }
        return values;
    }

    private void setCompliance(double v, double min, double max) {
        complianceVoltage = inRange(v, min, max);
        if (output) {
            applyOutput(clock.now(), SourceEvent.Cause.LEVEL);
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
