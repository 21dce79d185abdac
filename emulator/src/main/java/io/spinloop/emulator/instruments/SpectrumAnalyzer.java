package io.spinloop.emulator.instruments;

import io.spinloop.emulator.physics.Stno;
import io.spinloop.emulator.physics.VoigtProfile;
import io.spinloop.emulator.scpi.Call;
import io.spinloop.emulator.scpi.CommandTree;
import io.spinloop.emulator.scpi.Response;
import io.spinloop.emulator.scpi.ScpiError;
import io.spinloop.emulator.scpi.Unit;
import java.util.List;

/**
 * An emulated swept spectrum analyzer looking at the combined RF output of the oscillators wired to it, whatever
 * its model: settings and their couplings, sweeps, triggering, markers, zero span, averaging and trace formats;
 * the traces themselves come from {@link TraceSynthesizer}. Averaging and a video bandwidth below the resolution
 * bandwidth add looks that shrink the trace noise. With {@code TRIG:SOUR EXT} a single sweep starts at the first
 * trigger-link pulse after it was armed; in continuous mode each burst of pulses starts a sweep. A model
 * ({@link KeysightXSeries}, {@link RohdeSchwarzFsv}) adds its identity, its capabilities (frequency range, RBW
 * steps, trace points) and its spellings and defaults where the families differ.
 */
public abstract class SpectrumAnalyzer extends Instrument implements TriggerInput {
    /**
     * An analyzer model: the name it is registered and configured under, who it says it is, and the class that
     * behaves like it.
     *
     * @param name     registry name, upper case with underscores ({@code KEYSIGHT_N9030B})
     * @param identity its {@code *IDN?} fields
     * @param factory  builds one unit, normally the model class's constructor
     */
    public record Model(String name, ModelIdentity identity, Factory factory) {
        /** Builds one unit of this model, seeing the outputs of {@code devices} (through a combiner). */
        public SpectrumAnalyzer build(InstrumentSetup setup, List<Stno> devices) {
            return factory.create(this, setup, devices);
        }
    }

    /** Builds one unit of a model; a model class's constructor fits ({@code RohdeSchwarzFsv::new}). */
    @FunctionalInterface
    public interface Factory {
        SpectrumAnalyzer create(Model model, InstrumentSetup setup, List<Stno> devices);
    }

    private static final double MIN_SWEEP_TIME = 1e-3;
    private static final double MIN_ZERO_SPAN_TIME = 1e-6;
    private static final int MARKERS = 12;

    private final Model model;
    private final List<Stno> devices;
    private final boolean enforceLimits;

    // Settings.
    private double center;
    private double span;
    private double rbw;
    private boolean rbwAuto;
    private double vbw;
    private boolean vbwAuto;
    private int points;
    private double sweepTime;
    private boolean sweepTimeAuto;
    private int averageCount;
    private boolean averaging;
    private double referenceLevel;
    private boolean continuous;
    private int triggerSource; // 0 IMM, 1 EXT, 2 VIDeo
    private int format; // 0 ASCII, 32, 64
    private boolean littleEndian;
    private final Marker[] markers = new Marker[MARKERS];
    private double channelBandwidth;

    // Sweep state.
    private SweepSetup armedSetup;
    private double armTime;
    private double sweepStart;
    private double pendingEnd = NONE;
    private SweepSetup traceSetup;
    private float[] trace;
    private double traceStart;
    /** Continuous sweeping with an external trigger: start of the latest triggered sweep, NaN if none. */
    private double continuousTriggerStart = Double.NaN;
    private double continuousTraceStart = Double.NaN;

    private static final class Marker {
        boolean on;
        double x;
        int function; // 0 OFF, 1 band power, 2 noise
        /** Band width, centred on the marker (X-series: Band Span). */
        double bandSpan;
    }

    /**
     * Registers the commands and presets. The hooks run from here, before the model's own constructor: they
     * answer with constants.
     *
     * @param devices the oscillators whose outputs reach the analyzer's input (through a combiner)
     * @param errorQueueCapacity entries the model's error queue holds
     */
    protected SpectrumAnalyzer(Model model, InstrumentSetup setup, List<Stno> devices, int errorQueueCapacity) {
        super(setup.name(), setup.clock(), setup.seed(), errorQueueCapacity, setup.serialNumber());
        this.model = model;
        this.devices = List.copyOf(devices);
        this.enforceLimits = setup.enforceLimits();
        for (int i = 0; i < MARKERS; i++) {
            markers[i] = new Marker();
        }
        register(commands());
        resetSettings();
    }

    public Model model() {
        return model;
    }

    @Override
    public final String identity() {
        return model.identity().idn(serialNumberText());
    }

    // --------------------------------------------------------------------------- what a model says about itself

    /** Highest frequency, Hz. */
    protected abstract double maxFrequency();

    /** Widest resolution bandwidth, Hz. */
    protected abstract double widestRbw();

    /** The resolution bandwidths of one decade, as multiples of its power of ten ({@code 1, …, 10}). */
    protected abstract double[] rbwSteps();

    /** Auto coupling: the RBW is the span divided by this, rounded to a step. */
    protected abstract double spanPerRbw();

    protected abstract int minPoints();

    protected abstract int maxPoints();

    /** Trace points after a preset. */
    protected abstract int defaultPoints();

    /** {@code AVERage:COUNt} after a preset. */
    protected abstract int defaultAverageCount();

    /** Whether binary traces go least significant byte first after a preset. */
    protected abstract boolean littleEndianByDefault();

    /** The {@code TRIGger:SOURce?} reply for the external trigger input. */
    protected abstract String externalTriggerName();

    /** The {@code FORMat?} reply for ASCII traces. */
    protected abstract String asciiFormatName();

    /** The serial-number field of {@code *IDN?}. */
    protected String serialNumberText() {
        return String.format("EMU-%04d", serialNumber);
    }

    @Override
    protected final void resetSettings() {
        double max = maxFrequency();
        center = max / 2;
        span = max;
        rbwAuto = true;
        vbwAuto = true;
        sweepTimeAuto = true;
        rbw = 3e6;
        points = defaultPoints();
        averageCount = defaultAverageCount();
        averaging = false;
        referenceLevel = 0;
        continuous = true;
        triggerSource = 0;
        format = 0;
        littleEndian = littleEndianByDefault();
        for (Marker m : markers) {
            m.on = false;
            m.x = center;
            m.function = 0;
            m.bandSpan = 0;
        }
        channelBandwidth = 3.84e6;
        armedSetup = null;
        pendingEnd = NONE;
        trace = null;
        traceSetup = null;
        continuousTriggerStart = Double.NaN;
        continuousTraceStart = Double.NaN;
        couple();
    }

    /** Applies the auto couplings of RBW, VBW and sweep time. */
    private void couple() {
        if (rbwAuto && span > 0) {
            rbw = roundRbw(span / spanPerRbw());
        }
        if (vbwAuto) {
            vbw = rbw;
        }
        if (sweepTimeAuto) {
            sweepTime = span > 0 ? Math.max(MIN_SWEEP_TIME, 2.0 * span / (rbw * rbw)) : MIN_SWEEP_TIME;
        }
    }

    private double roundRbw(double value) {
        double v = Math.max(1, Math.min(rbwLimit(), value));
        double decade = Math.pow(10, Math.floor(Math.log10(v)));
        double m = v / decade;
        double[] steps = rbwSteps();
        double best = steps[0];
        for (double s : steps) {
            if (Math.abs(Math.log(s / m)) < Math.abs(Math.log(best / m))) {
                best = s;
            }
        }
        return Math.max(1, Math.min(rbwLimit(), best * decade));
    }

    private double rbwLimit() {
        return enforceLimits ? widestRbw() : 1e9;
    }

    private SweepSetup currentSetup() {
        double looks = (averaging ? averageCount : 1) * Math.max(1, rbw / vbw);
        return new SweepSetup(center - span / 2, center + span / 2, rbw, vbw, points, sweepTime, looks);
    }

    // ------------------------------------------------------------------------------------------ sweeps

    @Override
    protected final double operationEnd() {
        return pendingEnd;
    }

    @Override
    protected final void completeOperations() {
        if (pendingEnd != NONE && pendingEnd != UNTIL_TRIGGERED) {
            traceSetup = armedSetup;
            traceStart = sweepStart;
            trace = null;
            armedSetup = null;
            pendingEnd = NONE;
            operationsChanged();
        }
    }

    @Override
    protected final void abortOperations() {
        armedSetup = null;
        pendingEnd = NONE;
        operationsChanged();
    }

    @Override
    protected final void busTrigger() {
        if (pendingEnd != UNTIL_TRIGGERED) {
            super.busTrigger();
        }
        startSweep(clock.now());
    }

    /** INIT restarts: a sweep in progress or waiting for its trigger is abandoned for the new one. */
    private void initiate() {
        abortOperations();
        armedSetup = currentSetup();
        armTime = clock.now();
        if (triggerSource == 1) {
            pendingEnd = UNTIL_TRIGGERED;
        } else {
            startSweep(armTime);
        }
    }

    private void startSweep(double t) {
        sweepStart = t;
        pendingEnd = t + armedSetup.totalTime(averaging ? averageCount : 1);
        operationsChanged();
    }

    @Override
    public final synchronized void pulses(double[] times, int n) {
        if (pendingEnd != UNTIL_TRIGGERED) {
            if (continuous && triggerSource == 1 && n > 0) {
                // free-running on the external trigger: each burst of pulses starts a sweep
                double busyUntil = Double.isNaN(continuousTriggerStart) ? Double.NEGATIVE_INFINITY
                        : continuousTriggerStart + sweepTime;
                for (int i = 0; i < n; i++) {
                    if (times[i] >= busyUntil) {
                        continuousTriggerStart = times[i];
                        break;
                    }
                }
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            if (times[i] >= armTime) {
                startSweep(times[i]);
                return;
            }
        }
    }

    /** The trace to report: the last single sweep, or in continuous mode a sweep that just ended. */
    /** While a sweep waits for its trigger, the trace memory still holds the previous one (no waiting). */
    private float[] currentTrace() {
        if (operationEnd() != UNTIL_TRIGGERED) {
            awaitOperations();
        }
        if (continuous && triggerSource != 1) {
            SweepSetup s = currentSetup();
            double end = clock.now();
            traceSetup = s;
            traceStart = Math.max(0, end - s.sweepTime());
            trace = null;
        } else if (continuous && !Double.isNaN(continuousTriggerStart)
                && continuousTriggerStart != continuousTraceStart) {
            SweepSetup s = currentSetup();
            waitUntil(continuousTriggerStart + s.sweepTime());
            traceSetup = s;
            traceStart = continuousTriggerStart;
            continuousTraceStart = continuousTriggerStart;
            trace = null;
        }
        if (traceSetup == null) {
            traceSetup = currentSetup();
            traceStart = clock.now();
            trace = null;
        }
        if (trace == null) {
            trace = TraceSynthesizer.synthesize(devices, traceSetup, traceStart, rng);
        }
        return trace;
    }

    private void waitUntil(double t) {
        try {
            if (clock.timing() == io.spinloop.emulator.time.Timing.VIRTUAL) {
                clock.awaitTime(t);
            } else {
                while (clock.now() < t) {
                    wait(Math.max(1, (long) Math.ceil((t - clock.now()) * 1e3)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.spinloop.emulator.scpi.MessageAbortedException("connection closed during a sweep");
        }
    }

    // ----------------------------------------------------------------------------------------- commands

    private void register(CommandTree t) {
        String freq = "[:SENSe]:FREQuency:";
        t.add(freq + "CENTer", 1, 1, c -> {
            center = frequencyArgument(c, center);
            couple();
        });
        t.add(freq + "CENTer?", c -> c.reply().nr3(center, 11));
        t.add(freq + "SPAN", 1, 1, c -> {
            double v = c.args().number(0, Unit.HERTZ, 0, maxFrequency(), 1e6);
            span = inRange(v, 0, maxFrequency());
            couple();
        });
        t.add(freq + "SPAN?", c -> c.reply().nr3(span, 11));
        t.add(freq + "SPAN:FULL", c -> {
            center = maxFrequency() / 2;
            span = maxFrequency();
            couple();
        });
        t.add(freq + "STARt", 1, 1, c -> {
            double start = frequencyArgument(c, center - span / 2);
            double stop = Math.max(start, center + span / 2);
            center = (start + stop) / 2;
            span = stop - start;
            couple();
        });
        t.add(freq + "STARt?", c -> c.reply().nr3(center - span / 2, 11));
        t.add(freq + "STOP", 1, 1, c -> {
            double stop = frequencyArgument(c, center + span / 2);
            double start = Math.min(stop, center - span / 2);
            center = (start + stop) / 2;
            span = stop - start;
            couple();
        });
        t.add(freq + "STOP?", c -> c.reply().nr3(center + span / 2, 11));
        for (String bw : new String[] {"[:SENSe]:BANDwidth|BWIDth[:RESolution]"}) {
            t.add(bw, 1, 1, c -> {
                double v = c.args().number(0, Unit.HERTZ, 1, rbwLimit(), 3e6);
                rbw = roundRbw(inRange(v, 1, rbwLimit()));
                rbwAuto = false;
                couple();
            });
            t.add(bw + "?", c -> c.reply().nr3(rbw, 11));
            t.add(bw + ":AUTO", 1, 1, c -> {
                rbwAuto = c.args().bool(0);
                couple();
            });
            t.add(bw + ":AUTO?", c -> c.reply().put((byte) (rbwAuto ? '1' : '0')));
        }
        String vbwNode = "[:SENSe]:BANDwidth|BWIDth:VIDeo";
        t.add(vbwNode, 1, 1, c -> {
            double v = c.args().number(0, Unit.HERTZ, 1, 50e6, 3e6);
            vbw = inRange(v, 1, 50e6);
            vbwAuto = false;
        });
        t.add(vbwNode + "?", c -> c.reply().nr3(vbw, 11));
        t.add(vbwNode + ":AUTO", 1, 1, c -> {
            vbwAuto = c.args().bool(0);
            couple();
        });
        t.add(vbwNode + ":AUTO?", c -> c.reply().put((byte) (vbwAuto ? '1' : '0')));
        t.add("[:SENSe]:SWEep:POINts", 1, 1, c -> {
            long v = c.args().integer(0, minPoints(), maxPoints(), defaultPoints());
            points = (int) inRange(v, minPoints(), maxPoints());
        });
        t.add("[:SENSe]:SWEep:POINts?", c -> c.reply().nr1(points));
        t.add("[:SENSe]:SWEep:TIME", 1, 1, c -> {
            double min = !enforceLimits ? 1e-12 : span == 0 ? MIN_ZERO_SPAN_TIME : MIN_SWEEP_TIME;
            double v = c.args().number(0, Unit.SECOND, min, 6000, MIN_SWEEP_TIME);
            sweepTime = inRange(v, min, 6000);
            sweepTimeAuto = false;
        });
        t.add("[:SENSe]:SWEep:TIME?", c -> c.reply().nr3(sweepTime, 11));
        t.add("[:SENSe]:SWEep:TIME:AUTO", 1, 1, c -> {
            sweepTimeAuto = c.args().bool(0);
            couple();
        });
        t.add("[:SENSe]:SWEep:TIME:AUTO?", c -> c.reply().put((byte) (sweepTimeAuto ? '1' : '0')));
        t.add("[:SENSe]:AVERage:COUNt", 1, 1, c -> averageCount = (int) inRange(
                c.args().integer(0, 1, 10000, 100), 1, 10000));
        t.add("[:SENSe]:AVERage:COUNt?", c -> c.reply().nr1(averageCount));
        t.add("[:SENSe]:AVERage[:STATe]", 1, 1, c -> averaging = c.args().bool(0));
        t.add("[:SENSe]:AVERage[:STATe]?", c -> c.reply().put((byte) (averaging ? '1' : '0')));
        t.add("[:SENSe]:AVERage:TYPE", 1, 1, c -> c.args().text(0));
        t.add("[:SENSe]:DETector[:FUNCtion]", 1, 1, c -> c.args().text(0));
        t.add("[:SENSe]:DETector:TRACe#6", 1, 1, c -> c.args().text(0));
        t.add(":DISPlay:WINDow#1:TRACe#6:Y[:SCALe]:RLEVel", 1, 1, c -> referenceLevel = inRange(
                c.args().number(0, Unit.DBM, -170, 30, 0), -170, 30));
        t.add(":DISPlay:WINDow#1:TRACe#6:Y[:SCALe]:RLEVel?", c -> c.reply().nr3(referenceLevel, 6));
        t.add(":INITiate:CONTinuous", 1, 1, c -> continuous = c.args().bool(0));
        t.add(":INITiate:CONTinuous?", c -> c.reply().put((byte) (continuous ? '1' : '0')));
        t.add(":INITiate[:IMMediate]", c -> initiate());
        t.add(":INITiate:RESTart", c -> initiate());
        t.add(":ABORt", c -> abortOperations());
        t.add(":TRIGger[:SEQuence]:SOURce", 1, 1, c -> {
            int s = c.args().choice(0, "IMMediate", "EXTernal", "EXTernal1", "VIDeo", "LINE");
            triggerSource = s == 1 || s == 2 ? 1 : s == 3 ? 2 : 0;
        });
        t.add(":TRIGger[:SEQuence]:SOURce?", c -> c.reply().ascii(triggerSource == 1
                ? externalTriggerName() : triggerSource == 2 ? "VID" : "IMM"));
        t.add(":FORMat[:TRACe][:DATA]", 1, 2, c -> {
            int f = c.args().choice(0, "ASCii", "REAL");
            if (f == 0) {
                if (c.args().count() > 1) {
                    c.args().integer(1, 0, 64, 8);
                }
                format = 0;
            } else {
                long bits = c.args().count() > 1 ? c.args().integer(1, 32, 64, 32) : 32;
                if (bits != 32 && bits != 64) {
                    throw ScpiError.ILLEGAL_PARAMETER_VALUE.exception();
                }
                format = (int) bits;
            }
        });
        t.add(":FORMat[:TRACe][:DATA]?", c -> c.reply().ascii(format == 0 ? asciiFormatName() : "REAL," + format));
        t.add(":FORMat:BORDer", 1, 1, c -> littleEndian = c.args().choice(0, "NORMal", "SWAPped") == 1);
        t.add(":FORMat:BORDer?", c -> c.reply().ascii(littleEndian ? "SWAP" : "NORM"));
        t.add(":TRACe#6[:DATA]?", 1, 1, c -> {
            TraceReplies.requireTraceName(c.args());
            float[] data = currentTrace();
            TraceReplies.writeTrace(c.reply(), data, format, littleEndian);
        });
        t.add(":FETCh:SANalyzer#1?", c -> writePairs(c.reply(), currentTrace()));
        t.add(":READ:SANalyzer#1?", c -> {
            initiate();
            writePairs(c.reply(), currentTrace());
        });
        t.add(":TRACe#6:X?", 1, 1, c -> {
            TraceReplies.requireTraceName(c.args());
            currentTrace();
            TraceReplies.writeAxis(c.reply(), traceSetup);
        });
        registerMarkers(t);
        t.add(":INSTrument[:SELect]", 1, 1, c -> c.args().text(0));
        t.add(":INSTrument[:SELect]?", c -> c.reply().ascii("SA"));
        t.add(":CONFigure:SANalyzer", c -> { });
        t.add(":SYSTem:PRESet", c -> {
            abortOperations();
            resetSettings();
        });
        t.add(":SYSTem:DISPlay:UPDate", 1, 1, c -> c.args().bool(0));
        t.add(":DISPlay:TRACe#6:MODE", 1, 1, c -> {
            int m = c.args().choice(0, "WRITe", "AVERage", "MAXHold", "MINHold", "VIEW", "BLANk");
            averaging = m == 1;
        });
        t.add(":DISPlay:WINDow#1:TRACe#6:MODE", 1, 1, c -> {
            int m = c.args().choice(0, "WRITe", "AVERage", "MAXHold", "MINHold", "VIEW", "BLANk");
            averaging = m == 1;
        });
        t.add("[:SENSe]:SWEep:COUNt", 1, 1, c -> averageCount = (int) Math.max(1, inRange(
                c.args().integer(0, 0, 32767, 0), 0, 32767)));
        t.add("[:SENSe]:SWEep:COUNt?", c -> c.reply().nr1(averageCount));
        t.add(":INPut:ATTenuation", 1, 1, c -> c.args().number(0, Unit.DB, 0, 70, 10));
    }

    private void registerMarkers(CommandTree t) {
        String mark = ":CALCulate#1:MARKer#12";
        t.add(mark + "[:STATe]", 1, 1, c -> marker(c).on = c.args().bool(0));
        t.add(mark + "[:STATe]?", c -> c.reply().put((byte) (marker(c).on ? '1' : '0')));
        t.add(mark + ":MODE", 1, 1, c -> marker(c).on = c.args().choice(0, "POSition", "DELTa", "FIXed", "OFF") != 3);
        t.add(mark + ":MODE?", c -> c.reply().ascii(marker(c).on ? "POS" : "OFF"));
        t.add(mark + ":MAXimum[:PEAK]", c -> {
            Marker m = marker(c);
            float[] data = currentTrace();
            int best = 0;
            for (int i = 1; i < data.length; i++) {
                if (data[i] > data[best]) {
                    best = i;
                }
            }
            m.on = true;
            m.x = traceSetup.axis(best);
        });
        t.add(mark + ":X", 1, 1, c -> {
            Marker m = marker(c);
            m.x = c.args().number(0, xUnit(), 0, maxFrequency(), center);
            m.on = true;
        });
        t.add(mark + ":X?", c -> {
            Marker m = marker(c);
            c.reply().nr3(m.on ? m.x : Double.NaN, 11); // an off marker reads not-a-number (X-series)
        });
        t.add(mark + ":Y?", c -> {
            Marker m = marker(c);
            if (!m.on) {
                c.reply().nr3(Double.NaN, 6);
                return;
            }
            float[] data = currentTrace();
            if (m.function == 1) {
                c.reply().nr3(traceSetup.bandPower(data, m.x - m.bandSpan / 2, m.x + m.bandSpan / 2), 6);
            } else if (m.function == 2) {
                double enbw = VoigtProfile.GAUSSIAN_NOISE_BANDWIDTH * traceSetup.rbw();
                c.reply().nr3(data[traceSetup.nearest(m.x)] - 10 * Math.log10(enbw), 6);
            } else {
                c.reply().nr3(data[traceSetup.nearest(m.x)], 6);
            }
        });
        t.add(mark + ":FUNCtion", 1, 1, c -> {
            Marker m = marker(c);
            int f = c.args().choice(0, "OFF", "BPOWer", "NOISe", "BDENsity");
            if (f == 3) {
                throw ScpiError.SETTINGS_CONFLICT.exception("band density is not emulated");
            }
            m.function = f;
            if (f != 0) {
                if (!m.on) {
                    m.on = true;
                    m.x = span > 0 ? center : sweepTime / 2;
                }
                if (m.bandSpan == 0) {
                    m.bandSpan = 0.05 * (span > 0 ? span : sweepTime);
                }
            }
        });
        t.add(mark + ":FUNCtion?", c -> c.reply().ascii(new String[] {"OFF", "BPOW", "NOIS"}[marker(c).function]));
        // X-series band edges are absolute; moving one edge keeps the other anchored and recentres the marker.
        t.add(mark + ":FUNCtion:BAND:SPAN", 1, 1, c -> marker(c).bandSpan = inRange(
                c.args().number(0, xUnit(), 0, 1e12, 0), 0, 1e12));
        t.add(mark + ":FUNCtion:BAND:SPAN?", c -> c.reply().nr3(marker(c).bandSpan, 11));
        t.add(mark + ":FUNCtion:BAND:LEFT", 1, 1, c -> {
            Marker m = marker(c);
            double right = m.x + m.bandSpan / 2;
            double left = Math.min(right, c.args().number(0, xUnit(), 0, right, right));
            m.x = (left + right) / 2;
            m.bandSpan = right - left;
        });
        t.add(mark + ":FUNCtion:BAND:LEFT?", c -> c.reply().nr3(marker(c).x - marker(c).bandSpan / 2, 11));
        t.add(mark + ":FUNCtion:BAND:RIGHt", 1, 1, c -> {
            Marker m = marker(c);
            double left = m.x - m.bandSpan / 2;
            double right = Math.max(left, c.args().number(0, xUnit(), left, 1e12, left));
            m.x = (left + right) / 2;
            m.bandSpan = right - left;
        });
        t.add(mark + ":FUNCtion:BAND:RIGHt?", c -> c.reply().nr3(marker(c).x + marker(c).bandSpan / 2, 11));
        // R&S channel power, centred on the center frequency.
        t.add(mark + ":FUNCtion:POWer:SELect", 1, 1, c -> c.args().choice(0, "CPOWer", "ACPower", "OBANdwidth"));
        t.add(mark + ":FUNCtion:POWer[:STATe]", 1, 1, c -> c.args().bool(0));
        t.add(mark + ":FUNCtion:POWer:RESult?", 0, 1, c -> {
            if (c.args().count() > 0) {
                c.args().choice(0, "CPOWer", "ACPower");
            }
            float[] data = currentTrace();
            double mid = (traceSetup.start() + traceSetup.stop()) / 2;
            c.reply().nr3(traceSetup.bandPower(data, mid - channelBandwidth / 2, mid + channelBandwidth / 2), 6);
        });
        t.add("[:SENSe]:POWer:ACHannel:BWIDth|BANDwidth[:CHANnel#1]", 1, 1, c -> channelBandwidth = inRange(
                c.args().number(0, Unit.HERTZ, 100, maxFrequency(), 3.84e6), 100, maxFrequency()));
        t.add("[:SENSe]:POWer:ACHannel:BWIDth|BANDwidth[:CHANnel#1]?", c -> c.reply().nr3(channelBandwidth, 11));
        if (bandPowerMarker()) {
            registerBandPowerMarker(t);
        }
    }

    /**
     * The R&amp;S band power marker of the FSW family ({@code :CALCulate:MARKer:FUNCtion:BPOWer}): the power in a
     * band centred on the marker, on the last sweep. Registered for models that have it.
     */
    private void registerBandPowerMarker(CommandTree t) {
        String bpow = ":CALCulate#1:MARKer#12:FUNCtion:BPOWer";
        t.add(bpow + "[:STATe]", 1, 1, c -> {
            Marker m = marker(c);
            m.function = c.args().bool(0) ? 1 : 0;
            if (m.function == 1 && !m.on) {
                m.on = true;
                m.x = span > 0 ? center : sweepTime / 2;
            }
            if (m.function == 1 && m.bandSpan == 0) {
                m.bandSpan = 0.05 * (span > 0 ? span : sweepTime);
            }
        });
        t.add(bpow + "[:STATe]?", c -> c.reply().put((byte) (marker(c).function == 1 ? '1' : '0')));
        t.add(bpow + ":SPAN", 1, 1, c -> marker(c).bandSpan = inRange(
                c.args().number(0, xUnit(), 0, 1e12, 0), 0, 1e12));
        t.add(bpow + ":SPAN?", c -> c.reply().nr3(marker(c).bandSpan, 11));
        t.add(bpow + ":RESult?", c -> {
            Marker m = marker(c);
            if (!m.on || m.function != 1) {
                throw ScpiError.SETTINGS_CONFLICT.exception("band power marker is off");
            }
            c.reply().nr3(traceSetup.bandPower(currentTrace(), m.x - m.bandSpan / 2, m.x + m.bandSpan / 2), 6);
        });
    }

    /** Whether the model has the R&amp;S band power marker ({@code :CALC:MARK:FUNC:BPOW}). */
    protected boolean bandPowerMarker() {
        return false;
    }

    private Marker marker(Call c) {
        return markers[c.suffix(1) - 1];
    }

    private Unit xUnit() {
        return span == 0 ? Unit.SECOND : Unit.HERTZ;
    }

    private double frequencyArgument(Call c, double def) {
        double v = c.args().number(0, Unit.HERTZ, 0, maxFrequency(), def);
        return inRange(v, 0, maxFrequency());
    }

    /** x, y pairs of the trace just read (the setup is read after {@link #currentTrace()} chose it). */
    private void writePairs(Response r, float[] data) {
        TraceReplies.writePairs(r, traceSetup, data);
    }
}
