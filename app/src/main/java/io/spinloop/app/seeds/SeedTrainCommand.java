package io.spinloop.app.seeds;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.config.Limits;
import io.spinloop.training.macrospin.MacrospinNetwork;
import io.spinloop.training.macrospin.MacrospinNetworkConfig;
import io.spinloop.training.macrospin.MacrospinTrainer;
import io.spinloop.training.macrospin.TrainedParts;
import io.spinloop.training.powercurve.LabelledData;
import io.spinloop.training.powercurve.PowerCurveNetwork;
import io.spinloop.training.powercurve.PowerCurveNetworkConfig;
import io.spinloop.training.powercurve.PowerCurveTrainer;
import io.spinloop.twin.physics.MacrospinParameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains the seed-003 or seed-002 network on the spiral or the digits over several seeds and reports
 * the median test accuracy (80:20 split, a different split and initialization per seed).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the p(I) network of seed 003 or the coupled macrospins of seed 002 over several seeds.",
            "Writes epochs.csv and summary.csv (and, for power-curve on the spiral, spiral-final-powers.png, the seed's Fig. 3)."})
public final class SeedTrainCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "power-curve (seed 003) or macrospin (seed 002)",
            converter = SeedOptions.ModelConverter.class)
    SeedModel model;

    @Option(names = "--task", required = true, description = "spiral or digits", converter = SeedOptions.TaskConverter.class)
    SeedTask task;

    @Option(names = "--seeds", defaultValue = "5", description = "number of seeds (1..N); the median is reported (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "first seed (default: ${DEFAULT-VALUE})")
    long firstSeed;

    @Option(names = "--data-seed", defaultValue = "1", description = "seed of the generated spiral (default: ${DEFAULT-VALUE})")
    long dataSeed;

    @Option(names = "--epochs", description = "epochs (default: 300 power-curve spiral, 40 power-curve digits, 10 macrospin)")
    Integer epochs;

    @Option(names = "--batch", defaultValue = "32", description = "minibatch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--oscillators", description = "STNOs: power-curve spiral 32 (2 carry the input), digits 64; macrospin 200 (the seed's N)")
    Integer oscillators;

    @Option(names = "--steps", description = "power-curve: time steps of eq. 5 (default: 5 spiral, 2 digits)")
    Integer steps;

    @Option(names = "--coupling", defaultValue = "10", description = "macrospin: coupling magnitude A_cp in Oe (default: ${DEFAULT-VALUE})")
    double coupling;

    @Option(names = "--parts", defaultValue = "full", description = "macrospin: trained parts, 1..6 of seed 002 Table II or full, in-out, in-physical, in, out-physical, out (default: ${DEFAULT-VALUE})")
    String parts;

    @Option(names = "--out", description = "output directory (default runs/seeds/<model>-<task>)")
    Path out;

    @Override
    public Integer call() {
        checkOptions();
        Path dir = ResultFiles.directory(out != null ? out : Path.of("runs", "seeds", model + "-" + task));
        LabelledData data = task.load(dataSeed);
        StringBuilder epochsCsv = new StringBuilder("seed,epoch,train_loss,train_accuracy,test_accuracy,seconds\n");
        StringBuilder summary = new StringBuilder("seed,train_accuracy,test_accuracy,seconds_per_epoch\n");
        double[] test = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            long seed = firstSeed + s;
            LabelledData.Split split = data.split(0.8, seed);
            List<double[]> rows = model == SeedModel.POWER_CURVE
                    ? trainPowerCurve(split, seed, s == 0 ? dir : null)
                    : trainMacrospin(split, seed);
            double secs = 0;
            for (double[] r : rows) {
                epochsCsv.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.4f%n", seed, (int) r[0], r[1], r[2], r[3], r[4]));
                secs += r[4];
            }
            double[] last = rows.get(rows.size() - 1);
            test[s] = last[3];
            summary.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.4f%n", seed, last[2], last[3], secs / rows.size()));
            System.out.printf(Locale.ROOT, "seed %d: train %.2f %%, test %.2f %% (%.3f s/epoch)%n", seed, 100 * last[2],
                    100 * last[3], secs / rows.size());
            ResultFiles.writeText(dir.resolve("epochs.csv"), epochsCsv.toString());
            ResultFiles.writeText(dir.resolve("summary.csv"), summary.toString());
        }
        System.out.printf(Locale.ROOT, "%s on %s: median test accuracy over %d seeds %.2f %% (min %.2f %%, max %.2f %%); files in %s%n",
                model, task, seeds, 100 * ResultFiles.median(test), 100 * java.util.Arrays.stream(test).min().orElse(0),
                100 * java.util.Arrays.stream(test).max().orElse(0), dir);
        return 0;
    }

    /** Refuses bad numbers before the output directory is made. */
    private void checkOptions() {
        OptionChecks.runs("--seeds", seeds);
        if (epochs != null) {
            OptionChecks.epochs("--epochs", epochs);
        }
        OptionChecks.samples("--batch", batch);
        OptionChecks.nonNegative("--coupling", coupling);
        OptionChecks.parsed(() -> TrainedParts.parse(parts));
        if (steps != null) {
            OptionChecks.between("--steps", steps, 1, Limits.MAX_SUBSTEPS);
        }
        // Power-curve networks carry their inputs on the first oscillators: 2 for the spiral, 64 pixels for digits.
        int least = model == SeedModel.POWER_CURVE ? (task == SeedTask.SPIRAL ? 2 : 64) : 1;
        int n = oscillators != null ? OptionChecks.atLeast("--oscillators", oscillators, least)
                : model == SeedModel.POWER_CURVE ? (task == SeedTask.SPIRAL ? 32 : 64) : 200;
        NetworkSize.check(OptionChecks.given("--oscillators", n), n, batch, steps != null ? steps : 10);
    }

    /** Rows of (epoch, loss, train accuracy, test accuracy, seconds). */
    private List<double[]> trainPowerCurve(LabelledData.Split split, long seed, Path plotDir) {
        PowerCurveNetworkConfig config = task == SeedTask.SPIRAL
                ? PowerCurveNetworkConfig.spiral(oscillators == null ? 32 : oscillators, steps == null ? 5 : steps)
                : PowerCurveNetworkConfig.digits(steps == null ? 2 : steps).withOscillators(oscillators == null ? 64 : oscillators);
        PowerCurveNetwork net = new PowerCurveNetwork(config, seed);
        int n = epochs != null ? epochs : (task == SeedTask.SPIRAL ? 300 : 40);
        PowerCurveTrainer.Options options = task == SeedTask.SPIRAL
                ? new PowerCurveTrainer.Options(n, batch, 0.01, 100, 1.0, seed)
                : new PowerCurveTrainer.Options(n, batch, 0.003, 10, 1.0, seed);
        SpiralSeparationPlot plot = plotDir != null && task == SeedTask.SPIRAL ? new SpiralSeparationPlot(split.test()) : null;
        if (plot != null) {
            plot.addSnapshot("(b) p(T) before training", split.test(), net);
        }
        int mid = Math.max(1, n / 10);
        List<double[]> rows = new ArrayList<>();
        PowerCurveTrainer.train(net, split.train(), split.test(), options, (e, network) -> {
            rows.add(new double[] {e.epoch(), e.trainLoss(), e.trainAccuracy(), e.testAccuracy(), e.seconds()});
            if (plot != null && (e.epoch() == mid || e.epoch() == n)) {
                plot.addSnapshot(String.format(Locale.ROOT, "(%s) p(T) after epoch %d, test %.1f %%",
                        e.epoch() == n ? "d" : "c", e.epoch(), 100 * e.testAccuracy()), split.test(), network);
            }
        });
        if (plot != null) {
            ResultFiles.writePng(plotDir.resolve("spiral-final-powers.png"), plot.charts(), 2, (plot.charts().size() + 1) / 2);
        }
        return rows;
    }

    private List<double[]> trainMacrospin(LabelledData.Split split, long seed) {
        int d = split.train().dimension();
        int classes = split.train().classes();
        MacrospinNetworkConfig base = MacrospinNetworkConfig.digits(oscillators == null ? 200 : oscillators, coupling);
        MacrospinNetworkConfig config = new MacrospinNetworkConfig(d, base.oscillators(), classes, coupling, base.steps(),
                base.stepSeconds(), base.substeps(), MacrospinParameters.SEED_002.withTemperature(0), base.initialField(),
                base.initialCurrent(), base.initialDamping());
        MacrospinNetwork net = new MacrospinNetwork(config, seed);
        List<double[]> rows = new ArrayList<>();
        MacrospinTrainer.train(net, TrainedParts.parse(parts), split.train(), split.test(),
                MacrospinTrainer.Options.seed(epochs != null ? epochs : 10, batch, seed),
                e -> rows.add(new double[] {e.epoch(), e.trainLoss(), e.trainAccuracy(), e.testAccuracy(), e.seconds()}));
        return rows;
    }
}
