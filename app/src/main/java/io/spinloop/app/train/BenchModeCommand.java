package io.spinloop.app.train;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.RunProgress;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.powercurve.ClassificationTask;
import io.spinloop.lab.config.Limits;
import io.spinloop.training.powercurve.BenchModeRun;
import io.spinloop.training.powercurve.PowerCurveNetworkConfig;
import io.spinloop.training.powercurve.PowerCurveTrainer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Bench mode of the seed-003 network on the emulated bench: calibrate each oscillator's power curve
 * through the drivers, train the network on the fitted curves (its twin), then run the test set on the
 * oscillators themselves, each time step setting currents and reading powers, and compare.
 */
@Command(name = "bench-mode", mixinStandardHelpOptions = true,
        description = {"Run a trained seed-003 network on the emulated bench (SourceMeters + spectrum analyzers over loopback SCPI).",
            "Calibrates each device's p(I), trains on the fitted curves, then steps the network on the devices. Writes bench.csv and summary.txt."})
public final class BenchModeCommand implements Callable<Integer> {

    @Option(names = "--task", defaultValue = "spiral", description = "spiral or digits (default: ${DEFAULT-VALUE})",
            converter = ChoiceConverters.TaskConverter.class)
    ClassificationTask task;

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
        System.err.println("spinloop study bench-mode: --max-current-ma is deprecated; use --max-current in A (here "
                + maxCurrentA + ")");
    }

    @Option(names = "--epochs", description = "training epochs on the fitted curves (default 300 spiral, 40 digits)")
    Integer epochs;

    @Option(names = "--noise-aware", defaultValue = "true", arity = "1",
            description = "true or false: train with the measured power scatter added to every power (default: ${DEFAULT-VALUE})")
    boolean noiseAware;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the bench's devices, the split and the network (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "output directory (default runs/bench-mode-<task>)")
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
        Path dir = ResultFiles.directory(out != null ? out : Path.of("runs", "bench-mode-" + task));
        boolean spiral = task == ClassificationTask.SPIRAL;
        int e = epochs != null ? epochs : (spiral ? 300 : 40);
        // the network's currents are in mA; its ceiling is the sources' limit
        PowerCurveNetworkConfig config = (spiral ? PowerCurveNetworkConfig.spiral(32, 5)
                : PowerCurveNetworkConfig.digits(2)).withMaxCurrent(maxCurrentA * 1e3);
        PowerCurveTrainer.Options training = spiral ? new PowerCurveTrainer.Options(e, 32, 0.01, 100, 1.0, seed)
                : new PowerCurveTrainer.Options(e, 32, 0.003, 10, 1.0, seed);
        BenchModeRun.Result r = BenchModeRun.run(new BenchModeRun.Plan(devices, maxCurrentA, averages,
                task.load(1).split(0.8, seed, SequenceDataset.Split.Rounding.NEAREST), examples, config, training, noiseAware, seed), RunProgress.messagesTo(System.out::println));
        ResultFiles.writeText(dir.resolve("bench.csv"), csv(r));
        String summary = String.format(Locale.ROOT,
                "task %s, %d examples, %d devices, %d neurons x %d steps: twin accuracy %.2f %%, bench accuracy %.2f %%,"
                        + " predictions agree on %.1f %%; %d measurements in %.0f s wall (%.1f ms each), bench clock %.1f s%n",
                task, r.examples(), devices, config.oscillators(), config.steps(), 100 * r.twinAccuracy(),
                100 * r.benchAccuracy(), 100 * r.agreement(), r.measurements(), r.wallS(), 1e3 * r.wallS()
                        / r.measurements(), r.benchClockS());
        ResultFiles.writeText(dir.resolve("summary.txt"), summary);
        System.out.print(summary);
        System.out.println("files in " + dir);
        return 0;
    }

    private static String csv(BenchModeRun.Result r) {
        StringBuilder csv = new StringBuilder("example,label,twin_prediction,bench_prediction\n");
        for (int i = 0; i < r.examples(); i++) {
            csv.append(i).append(',').append(r.labels()[i]).append(',').append(r.twinPredictions()[i]).append(',')
                    .append(r.benchPredictions()[i]).append('\n');
        }
        return csv.toString();
    }
}
