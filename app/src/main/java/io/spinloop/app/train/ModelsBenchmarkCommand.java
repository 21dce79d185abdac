package io.spinloop.app.train;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.training.macrospin.MacrospinNetwork;
import io.spinloop.training.macrospin.MacrospinNetworkConfig;
import io.spinloop.training.macrospin.MacrospinTrainer;
import io.spinloop.training.macrospin.TrainedParts;
import io.spinloop.training.powercurve.DigitsTask;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.powercurve.PowerCurveNetwork;
import io.spinloop.training.powercurve.PowerCurveNetworkConfig;
import io.spinloop.training.powercurve.PowerCurveTrainer;
import io.spinloop.training.powercurve.SpiralTask;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop benchmark models}: training time per epoch of the models power-curve (seed 003) and macrospin (seed
 * 002) of {@code spinloop train} at their default sizes: medians of several runs.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Training time per epoch (one thread) of train's power-curve (seed 003) and macrospin (seed 002) models; medians over --repeats runs after a warm-up.",
            "Writes benchmark.csv."})
public final class ModelsBenchmarkCommand implements Callable<Integer> {

    @Option(names = "--repeats", defaultValue = "5", description = "timed epochs per network (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--oscillators", defaultValue = "200", description = "macrospin STOs (default: ${DEFAULT-VALUE})")
    int oscillators;

    @Option(names = "--out", description = "output directory (default runs/benchmark-models)")
    Path out;

    @Override
    public Integer call() {
        OptionChecks.runs("--repeats", repeats);
        OptionChecks.atLeast("--oscillators", oscillators, 1);
        NetworkSize.check(OptionChecks.given("--oscillators", oscillators), oscillators, 32, 10);
        Path dir = ResultFiles.directory(out != null ? out : Path.of("runs", "benchmark-models"));
        StringBuilder csv = new StringBuilder("network,task,train_examples,median_seconds_per_epoch,min,max,repeats\n");
        SequenceDataset.Split spiral = SpiralTask.generate(1).split(0.8, 1, SequenceDataset.Split.Rounding.NEAREST);
        SequenceDataset.Split digits = DigitsTask.load().split(0.8, 1, SequenceDataset.Split.Rounding.NEAREST);
        PowerCurveNetwork spiralNet = new PowerCurveNetwork(PowerCurveNetworkConfig.spiral(32, 5), 1);
        report(csv, "power-curve k=32 n=5", "spiral", spiral.train().size(), times(() -> PowerCurveTrainer.train(spiralNet,
                spiral.train(), null, new PowerCurveTrainer.Options(1, 32, 0.01, 100, 1, 1), null).get(0).seconds(), 3));
        PowerCurveNetwork digitsNet = new PowerCurveNetwork(PowerCurveNetworkConfig.digits(2), 1);
        report(csv, "power-curve k=64 n=2", "digits", digits.train().size(), times(() -> PowerCurveTrainer.train(digitsNet,
                digits.train(), null, new PowerCurveTrainer.Options(1, 32, 0.003, 10, 1, 1), null).get(0).seconds(), 2));
        MacrospinNetwork macro = new MacrospinNetwork(MacrospinNetworkConfig.digits(oscillators, 10), 1);
        report(csv, "macrospin N=" + oscillators + " full, 10 RK4 steps", "digits", digits.train().size(),
                times(() -> MacrospinTrainer.train(macro, TrainedParts.FULL, digits.train(), null,
                        MacrospinTrainer.Options.seed(1, 32, 1), null).get(0).seconds(), 1));
        ResultFiles.writeText(dir.resolve("benchmark.csv"), csv.toString());
        System.out.println("files in " + dir);
        return 0;
    }

    private double[] times(java.util.function.DoubleSupplier epoch, int warmups) {
        for (int i = 0; i < warmups; i++) {
            epoch.getAsDouble();
        }
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            t[i] = epoch.getAsDouble();
        }
        return t;
    }

    private static void report(StringBuilder csv, String network, String task, int examples, double[] t) {
        double med = ResultFiles.median(t);
        double min = java.util.Arrays.stream(t).min().orElse(0);
        double max = java.util.Arrays.stream(t).max().orElse(0);
        csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%.4f,%d%n", network, task, examples, med, min, max, t.length));
        System.out.printf(Locale.ROOT, "%-40s %-7s %5d examples: %.4f s/epoch (median of %d, min %.4f, max %.4f)%n", network,
                task, examples, med, t.length, min, max);
    }
}
