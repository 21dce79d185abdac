package io.spinloop.lab.powercurve;

import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.bench.Instruments;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.SafetyLimits;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import io.spinloop.lab.RunProgress;
import io.spinloop.lab.bench.DeviceRig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bench side of a bench-mode p(I) run (seed 003): an emulated bench of default devices, each with its own
 * SourceMeter and Keysight N9030B on loopback, reached through the real drivers; each device an oscillator
 * integrating the band its line moves in, its power curve calibrated on the bench. Closing switches every source
 * off (ramped to 0 A) and stops the emulator.
 */
public final class PowerCurveBench implements AutoCloseable {
    /** The band the default device's line moves in over the drive range, and the sweeps' resolution. */
    private static final double BAND_START_HZ = 3.6e9;
    private static final double BAND_STOP_HZ = 5.4e9;
    private static final double RBW_HZ = 3e6;
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10));

    private final EmulatedBench bench;
    private final List<SourceModel> sources;
    private final SafetyLimits limits;
    private final int averages;
    private final List<DeviceRig> rigs = new ArrayList<>();
    private final List<BenchOscillator> oscillators = new ArrayList<>();

    private PowerCurveBench(EmulatedBench bench, List<SourceModel> sources, SafetyLimits limits, int averages) {
        this.bench = bench;
        this.sources = sources;
        this.limits = limits;
        this.averages = averages;
    }

    /**
     * Starts an emulated bench of one device per entry of {@code sources} (devices {@code stno1..}, sources
     * {@code smu1..}, analyzers {@code sa1..}) in virtual time, seeded by {@code seed}; the sources keep the devices
     * within {@code limits}, the analyzers average {@code averages} sweeps per measurement.
     */
    public static PowerCurveBench emulatedOn(List<SourceModel> sources, long seed, SafetyLimits limits,
                                             int averages) {
        EmulatedBench.Builder builder = EmulatedBench.builder().seed(seed).timing(Timing.VIRTUAL);
        for (int i = 1; i <= sources.size(); i++) {
            builder.device("stno" + i, DeviceParameters.defaults())
                    .currentSource("smu" + i, sources.get(i - 1), 0, "stno" + i)
                    .analyzer("sa" + i, AnalyzerModel.KEYSIGHT_N9030B, 0, "stno" + i);
        }
        try {
            return new PowerCurveBench(builder.start(), List.copyOf(sources), limits, averages);
        } catch (IOException e) {
            throw new UncheckedIOException("emulated bench failed", e);
        }
    }

    /**
     * The sources' limits for a bench-mode run: the ceiling {@code maxCurrentA}, 2 V compliance, and fast ramps
     * (0.1 mA steps at 1 A/s) so the run is not dominated by ramping.
     */
    public static SafetyLimits fastRamps(double maxCurrentA) {
        return new SafetyLimits(maxCurrentA, 2.0, 1.0, 1e-4);
    }

    /** {@code devices} devices on Keithley 2450s, with {@link #fastRamps} up to {@code maxCurrentA}. */
    public static PowerCurveBench emulated(int devices, long seed, double maxCurrentA, int averages) {
        return emulatedOn(java.util.Collections.nCopies(devices, SourceModel.KEITHLEY_2450), seed,
                fastRamps(maxCurrentA), averages);
    }

    /**
     * Opens each device in turn, switches it on and measures its floor, and calibrates its power curve over
     * {@code points} currents up to the source's limit ({@link BenchCalibration#measure}); each fit is told to
     * {@code progress} as it is made.
     */
    public List<BenchCalibration> calibrate(double currentUnit, int points, RunProgress progress) {
        List<BenchCalibration> calibrations = new ArrayList<>();
        for (int i = 1; i <= sources.size(); i++) {
            BenchOscillator o = new BenchOscillator(open(i), BAND_START_HZ, BAND_STOP_HZ, RBW_HZ, averages);
            o.start();
            oscillators.add(o);
            BenchCalibration c = BenchCalibration.measure(o, currentUnit, points);
            calibrations.add(c);
            progress.message(String.format(Locale.ROOT, "%s: fitted p(I) a=%.2f b=%.2f Ic=%.3f mA Q=%.2f, kappa=%.4g "
                    + "W/A^2, residual %.1f %% of max", c.device(), c.curve().a(), c.curve().b(),
                    c.curve().criticalCurrent(), c.curve().q(), c.kappa(), 100 * c.rmsResidual()));
        }
        return calibrations;
    }

    private DeviceRig open(int i) {
        CurrentSource smu = Instruments.openCurrentSource("smu" + i, tcp("smu" + i), "auto", TIMEOUTS, limits);
        SpectrumAnalyzer sa;
        try {
            sa = Instruments.openSpectrumAnalyzer("sa" + i, tcp("sa" + i), "auto", TIMEOUTS);
        } catch (RuntimeException e) {
            smu.close();
            throw e;
        }
        DeviceRig rig = new DeviceRig("stno" + i, smu, sa);
        rigs.add(rig);
        return rig;
    }

    /** The oscillators calibrated so far, in device order. */
    public List<BenchOscillator> oscillators() {
        return List.copyOf(oscillators);
    }

    /** The emulator (tests read the sources' history from it). */
    public EmulatedBench emulator() {
        return bench;
    }

    /** The bench's clock, s: virtual time spent on the bench. */
    public double clockS() {
        return bench.now();
    }

    /** Ramps every source to 0 A and switches it off; the first failure is thrown once all were tried. */
    public void stopAll() {
        RuntimeException first = null;
        for (BenchOscillator o : oscillators) {
            try {
                o.stop();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private String tcp(String name) {
        InetSocketAddress a = bench.address(name);
        return "tcp://" + a.getHostString() + ":" + a.getPort();
    }

    /** Switches every source off, closes every instrument (each ramped to 0 A again), stops the emulator. */
    @Override
    public void close() {
        RuntimeException first = null;
        try {
            stopAll();
        } catch (RuntimeException e) {
            first = e;
        }
        for (DeviceRig r : rigs) {
            try {
                r.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        bench.close();
        if (first != null) {
            throw first;
        }
    }
}
