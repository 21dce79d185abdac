package io.spinloop.lab.bench;

import io.spinloop.drivers.Instrument;
import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.bench.InstrumentClaim;
import io.spinloop.drivers.bench.Instruments;
import io.spinloop.drivers.field.FieldInstruments;
import io.spinloop.drivers.field.Gaussmeter;
import io.spinloop.drivers.field.MagnetLimits;
import io.spinloop.drivers.field.MagnetSupply;
import io.spinloop.drivers.scpi.TrafficLog;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.SafetyLimits;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.FieldConfig;
import io.spinloop.lab.config.InstrumentConfig;
import io.spinloop.lab.config.InstrumentRole;
import io.spinloop.lab.config.LabConfig;
import io.spinloop.lab.config.LoadedLabConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bench described by a lab-config, ready to open its instruments through the drivers. For an emulated
 * bench the emulator runs in this process on ephemeral loopback ports, and the instruments are reached
 * over real sockets exactly as on a real bench. Closing stops the emulator (instruments are closed by
 * whoever opened them).
 */
public final class Bench implements AutoCloseable {

    /**
     * How this process names itself in the claims it takes on instruments, so that a run refused because of it can
     * say who holds the instrument: "pid 1234 (spinloop measure sweep ...)". Set once, at start-up.
     */
    public static void describeClaimHolderAs(String command) {
        InstrumentClaim.describeHolderAs(command);
    }

    private final LoadedLabConfig config;
    private final Map<String, String> resources;
    private final EmulatedBenchLauncher.Running emulator;

    private Bench(LoadedLabConfig config, Map<String, String> resources, EmulatedBenchLauncher.Running emulator) {
        this.config = config;
        this.resources = resources;
        this.emulator = emulator;
    }

    /** The bench of {@code config}; starts its emulator in-process first if it is an emulated bench. */
    public static Bench of(LoadedLabConfig config) {
        Map<String, String> resources = new LinkedHashMap<>();
        EmulatedBenchLauncher.Running emulator = null;
        if (config.config().emulated()) {
            emulator = EmulatedBenchLauncher.start(config, true);
            resources.putAll(emulator.resources());
        } else {
            for (InstrumentConfig in : config.config().instruments()) {
                // An instrument behind a controller is opened through it: the drivers take the controller in the
                // GPIB resource (GPIB0::24::INSTR?via=tcp://host:1234), so their API does not change.
                String controller = in.behindController()
                        ? config.config().controller(in.controller()).orElseThrow().resource() : null;
                resources.put(in.name(), LabConfig.driverResource(in, controller));
            }
        }
        return new Bench(config, resources, emulator);
    }

    public LoadedLabConfig config() {
        return config;
    }

    public boolean emulated() {
        return emulator != null;
    }

    /** The address each instrument is reached at (ephemeral loopback ports for an emulated bench). */
    public Map<String, String> resources() {
        return Map.copyOf(resources);
    }

    /** The running emulator of an emulated bench (tests read its history and inject faults); null on a real bench. */
    public io.spinloop.emulator.EmulatedBench emulator() {
        return emulator == null ? null : emulator.bench();
    }

    /** The seed of the emulated bench, for provenance; null on a real bench. */
    public Long emulatorSeed() {
        return emulator == null ? null : config.config().emulator().seed();
    }

    /** Opens the source and analyzer of a device; the source enforces the device's limits. */
    public DeviceRig openDevice(String deviceId) {
        DeviceConfig d = config.device(deviceId);
        CurrentSource source = openSource(config.config().instrument(d.source()).orElseThrow(), limitsOf(d));
        try {
            SpectrumAnalyzer analyzer = openAnalyzer(config.config().instrument(d.analyzer()).orElseThrow());
            return new DeviceRig(d.id(), source, analyzer);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** Opens a source behind {@code limits}; its config's {@code timing:} block is set on it (and read back). */
    public CurrentSource openSource(InstrumentConfig in, SafetyLimits limits) {
        // A unit with channels (a B2902A) goes through the channel path even for channel 1: its channels then share
        // one session, and each reads only its own errors from the unit's one queue.
        boolean channels = in.channel() != 1 || config.config().instruments().stream()
                .anyMatch(o -> o != in && o.channel() != 1 && o.resource() != null && o.resource().equals(in.resource()));
        CurrentSource s = channels
                ? Instruments.openCurrentSource(in.name(), resourceOf(in), in.model(), in.channel(), timeouts(in),
                        limits, log(in), io.spinloop.drivers.source.CurrentSources.WARNINGS_ON_STDERR)
                : Instruments.openCurrentSource(in.name(), resourceOf(in), in.model(), timeouts(in), limits, log(in));
        if (in.timing() != null) {
            try {
                s.applyTiming(in.timing().toTiming());
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
        }
        return s;
    }

    public SpectrumAnalyzer openAnalyzer(InstrumentConfig in) {
        return Instruments.openSpectrumAnalyzer(in.name(), resourceOf(in), in.model(), timeouts(in), log(in));
    }

    /**
     * Opens any instrument of the config (for {@code bench check}); a source gets the tightest limits of
     * the devices it serves.
     */
    public Instrument openInstrument(InstrumentConfig in) {
        if (in.role() == InstrumentRole.MAGNET) {
            return openMagnet(in, magnetLimits(in));
        }
        if (in.role() == InstrumentRole.GAUSSMETER) {
            return openGaussmeter(in);
        }
        if (in.channel() != 1) {
            return openSource(in, sourceLimits(in)); // a further channel of a source: claimed and driven on its own
        }
        return Instruments.open(in.name(), resourceOf(in), in.model(), timeouts(in), sourceLimits(in), log(in));
    }

    /** Opens a magnet supply behind {@code limits}. */
    public MagnetSupply openMagnet(InstrumentConfig in, MagnetLimits limits) {
        return FieldInstruments.openMagnetSupply(in.name(), resourceOf(in), in.model(), timeouts(in), limits);
    }

    /** Opens a gaussmeter (reading tesla). */
    public Gaussmeter openGaussmeter(InstrumentConfig in) {
        return FieldInstruments.openGaussmeter(in.name(), resourceOf(in), in.model(), timeouts(in));
    }

    /** The driver-side limits of a device's magnet. */
    public static MagnetLimits magnetLimitsOf(FieldConfig f) {
        return new MagnetLimits(f.limits().maxCurrentA(), f.limits().maxVoltageV(), f.limits().rampRateAPerS(),
                f.limits().rampStepA());
    }

    /** The tightest limits of the devices a magnet serves. */
    private MagnetLimits magnetLimits(InstrumentConfig magnet) {
        return config.config().devices().stream()
                .filter(d -> d.field() != null && magnet.name().equals(d.field().magnet()))
                .map(d -> magnetLimitsOf(d.field()))
                .reduce((a, b) -> new MagnetLimits(Math.min(a.maxCurrent(), b.maxCurrent()),
                        Math.min(a.maxVoltage(), b.maxVoltage()), Math.min(a.maxRampRate(), b.maxRampRate()),
                        Math.min(a.maxStep(), b.maxStep())))
                .orElse(MagnetLimits.ELECTROMAGNET_DEFAULT);
    }

    /** The tightest limits of all devices a source serves (of all devices, if it serves none). */
    public SafetyLimits sourceLimits(InstrumentConfig source) {
        var served = config.config().devices().stream().filter(d -> d.source().equals(source.name())).toList();
        var pool = served.isEmpty() ? config.config().devices() : served;
        return pool.stream().map(Bench::limitsOf).reduce(Bench::min).orElseThrow();
    }

    private static SafetyLimits min(SafetyLimits a, SafetyLimits b) {
        return new SafetyLimits(Math.min(a.maxCurrent(), b.maxCurrent()),
                Math.min(a.maxComplianceVoltage(), b.maxComplianceVoltage()), Math.min(a.maxRampRate(), b.maxRampRate()),
                Math.min(a.maxStep(), b.maxStep()));
    }

    /** The driver-side limits of a device. */
    public static SafetyLimits limitsOf(DeviceConfig d) {
        return new SafetyLimits(d.limits().maxCurrentA(), d.limits().complianceV(), d.limits().rampRateAPerS(),
                d.limits().rampStepA());
    }

    /** The instrument's resource with its terminator, as the drivers take it. */
    String resourceOf(InstrumentConfig in) {
        String r = resources.get(in.name());
        String term = in.terminator().toLowerCase(Locale.ROOT);
        if (term.equals("lf") || r.contains("term=")) {
            return r;
        }
        return r + (r.contains("?") ? "&" : "?") + "term=" + term;
    }

    private static Timeouts timeouts(InstrumentConfig in) {
        return new Timeouts(in.timeouts().connect(), in.timeouts().read());
    }

    private static TrafficLog log(InstrumentConfig in) {
        return in.trafficLog() ? TrafficLog.printingTo(System.err) : null;
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
