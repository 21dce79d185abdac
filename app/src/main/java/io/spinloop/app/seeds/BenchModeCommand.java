package io.spinloop.app.seeds;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.app.config.Limits;
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
import io.spinloop.training.powercurve.BenchCalibration;
import io.spinloop.training.powercurve.BenchOscillator;
import io.spinloop.training.powercurve.BenchPowerCurveRunner;
import io.spinloop.training.powercurve.LabelledData;
import io.spinloop.training.powercurve.PowerCurveNetwork;
import io.spinloop.training.powercurve.PowerCurveNetworkConfig;
import io.spinloop.training.powercurve.PowerCurveTrainer;
import io.spinloop.twin.physics.PowerCurveArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Bench mode of the seed-003 network on the emulated bench: calibrate each oscillator's power curve
 * through the drivers, train the network on the fitted curves (its twin), then run the test set on the
 * oscillators themselves, each time step setting currents and reading powers, and compare.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a trained seed-003 network on the emulated bench (SourceMeters + spectrum analyzers over loopback SCPI).",
            "Calibrates each device's p(I), trains on the fitted curves, then steps the network on the devices. Writes bench.csv and summary.txt."})
public final class BenchModeCommand implements Callable<Integer> {

    @Option(names = "--task", defaultValue = "spiral", description = "spiral or digits (default: ${DEFAULT-VALUE})",
            converter = SeedOptions.TaskConverter.class)
    SeedTask task;

    @Option(names = "--devices", defaultValue = "4", description = "emulated STNOs, each with its own source and analyzer; neurons are time-multiplexed onto them (default: ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--examples", defaultValue = "200", description = "test examples run on the bench (default: ${DEFAULT-VALUE}: the whole spiral test set)")
    int examples;

    @Option(names = "--averages", defaultValue = "16", description = "analyzer sweeps averaged per point (default: ${DEFAULT-VALUE})")
    int averages;

    // No defaultValue: picocli would apply it after the old option's setter and undo it.
    @Option(names = "--max-current", paramLabel = "A", description = "safety limit of the sources, A (default: 2.5e-3; the devices are damaged at 4e-3 A)")
    double maxCurrentA = 2.5e-3;

    /** The option's old name and unit (mA, where every other current is in A); kept so that scripts keep working. */
    @Option(names = "--max-current-ma", hidden = true)
    void maxCurrentMilliamps(double mA) {
        maxCurrentA = mA * 1e-3;
        System.err.println("spinloop seeds bench: --max-current-ma is deprecated; use --max-current in A (here "
                + maxCurrentA + ")");
    }

    @Option(names = "--epochs", description = "training epochs on the fitted curves (default 300 spiral, 40 digits)")
    Integer epochs;

    @Option(names = "--noise-aware", defaultValue = "true", arity = "1",
            description = "true or false: train with the measured power scatter added to every power (default: ${DEFAULT-VALUE})")
    boolean noiseAware;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the bench's devices, the split and the network (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "output directory (default runs/seeds/bench-<task>)")
    Path out;

    @Override
    public Integer call() {
        OptionChecks.between("--devices", devices, 1, Limits.MAX_EMULATED_DEVICES);
        OptionChecks.samples("--examples", examples);
        OptionChecks.check("--averages", averages, Limits.averages(averages));
        if (!(maxCurrentA > 0 && maxCurrentA < 4e-3)) {
            throw new RefusedInputException("--max-current: expected a limit above 0 and below 4e-3 A (the devices "
                    + "are damaged at 4 mA), got " + Limits.number(maxCurrentA) + " A");
        }
        if (epochs != null) {
            OptionChecks.epochs("--epochs", epochs);
        }
        Path dir = ResultFiles.directory(out != null ? out : Path.of("runs", "seeds", "bench-" + task));
        LabelledData.Split split = task.load(1).split(0.8, seed);
        int n = Math.min(examples, split.test().size());
        // fast ramps (0.1 mA steps at 1 A/s) so the run is not dominated by ramping; the ceiling is the limit
        SafetyLimits limits = new SafetyLimits(maxCurrentA, 2.0, 1.0, 1e-4);
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10));
        EmulatedBench.Builder builder = EmulatedBench.builder().seed(seed).timing(Timing.VIRTUAL);
        for (int i = 1; i <= devices; i++) {
            builder.device("stno" + i, DeviceParameters.defaults())
                    .currentSource("smu" + i, SourceModel.KEITHLEY_2450, 0, "stno" + i)
                    .analyzer("sa" + i, AnalyzerModel.KEYSIGHT_N9030B, 0, "stno" + i);
        }
        List<AutoCloseable> open = new ArrayList<>();
        try (EmulatedBench bench = builder.start()) {
            List<BenchOscillator> oscs = new ArrayList<>();
            List<BenchCalibration> cals = new ArrayList<>();
            BenchPowerCurveRunner runner = null;
            try {
                for (int i = 1; i <= devices; i++) {
                    CurrentSource smu = Instruments.openCurrentSource("smu" + i, tcp(bench, "smu" + i), "auto", timeouts, limits);
                    open.add(smu);
                    SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa" + i, tcp(bench, "sa" + i), "auto", timeouts);
                    open.add(sa);
                    BenchOscillator o = new BenchOscillator("stno" + i, smu, sa, 3.6e9, 5.4e9, 3e6, averages);
                    o.start();
                    oscs.add(o);
                    BenchCalibration c = BenchCalibration.measure(o, 1e-3, 40);
                    cals.add(c);
                    System.out.printf(Locale.ROOT, "%s: fitted p(I) a=%.2f b=%.2f Ic=%.3f mA Q=%.2f, kappa=%.4g W/A^2, residual %.1f %% of max%n",
                            c.device(), c.curve().a(), c.curve().b(), c.curve().criticalCurrent(), c.curve().q(), c.kappa(),
                            100 * c.rmsResidual());
                }
                runner = new BenchPowerCurveRunner(oscs, cals);
                double ceiling = maxCurrentA * 1e3; // the network's currents are in mA
                PowerCurveNetworkConfig config = (task == SeedTask.SPIRAL
                        ? PowerCurveNetworkConfig.spiral(32, 5) : PowerCurveNetworkConfig.digits(2)).withMaxCurrent(ceiling);
                PowerCurveArray twin = runner.twin(config.oscillators());
                PowerCurveNetwork net = new PowerCurveNetwork(config, seed);
                int e = epochs != null ? epochs : (task == SeedTask.SPIRAL ? 300 : 40);
                double noise = 0;
                for (BenchCalibration c : cals) {
                    noise += c.powerNoise() / cals.size();
                }
                double trainingNoise = noiseAware ? noise : 0;
                System.out.printf(Locale.ROOT, "measured power scatter about the fits: %.3f (normalized p); training noise %.3f%n",
                        noise, trainingNoise);
                PowerCurveTrainer.train(net, twin, split.train(), null, (task == SeedTask.SPIRAL
                        ? new PowerCurveTrainer.Options(e, 32, 0.01, 100, 1.0, seed)
                        : new PowerCurveTrainer.Options(e, 32, 0.003, 10, 1.0, seed)).withPowerNoise(trainingNoise), null);
                int[] twinPred = net.predict(split.test().features(), 0, n, twin);
                double twinAcc = BenchPowerCurveRunner.accuracy(twinPred, split.test().labels(), 0);
                System.out.printf(Locale.ROOT, "trained on the fitted curves: twin accuracy on the first %d test examples %.2f %%%n",
                        n, 100 * twinAcc);
                long start = System.nanoTime();
                double[] p = runner.finalPowers(net, split.test().features(), 0, n, (step, steps, measured) ->
                        System.out.printf(Locale.ROOT, "bench step %d/%d done, %d measurements, %.0f s%n", step, steps, measured,
                                (System.nanoTime() - start) / 1e9));
                double wall = (System.nanoTime() - start) / 1e9;
                int[] benchPred = BenchPowerCurveRunner.predict(net, p, n);
                double benchAcc = BenchPowerCurveRunner.accuracy(benchPred, split.test().labels(), 0);
                int agree = 0;
                StringBuilder csv = new StringBuilder("example,label,twin_prediction,bench_prediction\n");
                for (int i = 0; i < n; i++) {
                    agree += twinPred[i] == benchPred[i] ? 1 : 0;
                    csv.append(i).append(',').append(split.test().labels()[i]).append(',').append(twinPred[i]).append(',')
                            .append(benchPred[i]).append('\n');
                }
                String summary = String.format(Locale.ROOT,
                        "task %s, %d examples, %d devices, %d neurons x %d steps: twin accuracy %.2f %%, bench accuracy %.2f %%,"
                                + " predictions agree on %.1f %%; %d measurements in %.0f s wall (%.1f ms each), bench clock %.1f s%n",
                        task, n, devices, config.oscillators(), config.steps(), 100 * twinAcc, 100 * benchAcc, 100.0 * agree / n,
                        n * config.oscillators() * config.steps(), wall, 1e3 * wall / (n * config.oscillators() * config.steps()),
                        bench.now());
                ResultFiles.writeText(dir.resolve("bench.csv"), csv.toString());
                ResultFiles.writeText(dir.resolve("summary.txt"), summary);
                System.out.print(summary);
            } finally {
                if (runner != null) {
                    runner.stopAll();
                } else {
                    for (BenchOscillator o : oscs) {
                        o.stop();
                    }
                }
                for (AutoCloseable c : open) {
                    c.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("emulated bench failed", e);
        } catch (Exception e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
        System.out.println("files in " + dir);
        return 0;
    }

    private static String tcp(EmulatedBench bench, String name) {
        InetSocketAddress a = bench.address(name);
        return "tcp://" + a.getHostString() + ":" + a.getPort();
    }
}
