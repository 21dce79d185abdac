package io.spinloop.app.train;

import io.spinloop.app.live.LiveView;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.macrospin.MacrospinRun;
import io.spinloop.training.powercurve.ClassificationTask;
import io.spinloop.training.powercurve.PowerCurveNetwork;
import io.spinloop.training.powercurve.PowerCurveRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code spinloop train --model power-curve|macrospin}: seed 003's p(I) network or seed 002's coupled macrospins
 * trained on the spiral or the digits at several seeds (each its own 80:20 split and initialisation), one
 * {@link PowerCurveRun} or {@link MacrospinRun} per seed; epochs.csv and summary.csv are rewritten after every seed,
 * and the median test accuracy is reported.
 */
final class PaperNetworkTraining {
    /** One epoch of one seed's run. */
    private record EpochRow(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, double seconds) {
    }

    private final ClassificationTask task;
    private final PowerCurveRun powerCurve;
    private final MacrospinRun macrospin;

    private PaperNetworkTraining(ClassificationTask task, PowerCurveRun powerCurve, MacrospinRun macrospin) {
        this.task = task;
        this.powerCurve = powerCurve;
        this.macrospin = macrospin;
    }

    static PaperNetworkTraining powerCurve(PowerCurveRun run) {
        return new PaperNetworkTraining(run.task(), run, null);
    }

    static PaperNetworkTraining macrospin(ClassificationTask task, MacrospinRun run) {
        return new PaperNetworkTraining(task, null, run);
    }

    private String model() {
        return (powerCurve != null ? TrainModel.POWER_CURVE : TrainModel.MACROSPIN).toString();
    }

    /** The default output directory. */
    Path defaultDirectory() {
        return Path.of("runs", model() + "-" + task);
    }

    /** Trains at {@code seeds} seeds from {@code firstSeed} on the task drawn from {@code dataSeed}, into {@code dir}. */
    void run(int seeds, long firstSeed, long dataSeed, Path out, LiveView view) {
        Path dir = ResultFiles.directory(out);
        SequenceDataset data = task.load(dataSeed);
        StringBuilder epochsCsv = new StringBuilder("seed,epoch,train_loss,train_accuracy,test_accuracy,seconds\n");
        StringBuilder summary = new StringBuilder("seed,train_accuracy,test_accuracy,seconds_per_epoch\n");
        double[] test = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            long seed = firstSeed + s;
            SequenceDataset.Split split = data.split(0.8, seed, SequenceDataset.Split.Rounding.NEAREST);
            // each seed's curve on the live view's page as it trains, and the epochs done of all the seeds'
            int epochs = powerCurve != null ? powerCurve.epochs() : macrospin.epochs();
            long before = (long) s * epochs;
            Consumer<EpochRow> live = r -> {
                view.epoch(model() + ", seed " + seed, r.epoch(), r.trainLoss(), "test accuracy", r.testAccuracy());
                view.progress(before + r.epoch(), (long) seeds * epochs);
            };
            List<EpochRow> rows = powerCurve != null ? trainPowerCurve(split, seed, s == 0 ? dir : null, live)
                    : trainMacrospin(split, seed, live);
            double secs = 0;
            for (EpochRow r : rows) {
                epochsCsv.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.4f%n", seed, r.epoch(), r.trainLoss(),
                        r.trainAccuracy(), r.testAccuracy(), r.seconds()));
                secs += r.seconds();
            }
            EpochRow last = rows.get(rows.size() - 1);
            test[s] = last.testAccuracy();
            summary.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.4f%n", seed, last.trainAccuracy(),
                    last.testAccuracy(), secs / rows.size()));
            System.out.printf(Locale.ROOT, "seed %d: train %.2f %%, test %.2f %% (%.3f s/epoch)%n", seed,
                    100 * last.trainAccuracy(), 100 * last.testAccuracy(), secs / rows.size());
            ResultFiles.writeText(dir.resolve("epochs.csv"), epochsCsv.toString());
            ResultFiles.writeText(dir.resolve("summary.csv"), summary.toString());
        }
        System.out.printf(Locale.ROOT, "%s on %s: median test accuracy over %d seeds %.2f %% (min %.2f %%, max %.2f %%); "
                + "files in %s%n", model(), task, seeds, 100 * ResultFiles.median(test),
                100 * Arrays.stream(test).min().orElse(0), 100 * Arrays.stream(test).max().orElse(0), dir);
    }

    /** The epochs of one seed; on the spiral, with {@code plotDir}, seed 003's Fig. 3 of this run. */
    private List<EpochRow> trainPowerCurve(SequenceDataset.Split split, long seed, Path plotDir,
                                           Consumer<EpochRow> live) {
        PowerCurveNetwork net = powerCurve.network(seed);
        int n = powerCurve.epochs();
        SpiralSeparationPlot plot = plotDir != null && task == ClassificationTask.SPIRAL
                ? new SpiralSeparationPlot(split.test()) : null;
        if (plot != null) {
            plot.addSnapshot("(b) p(T) before training", split.test(), net);
        }
        int mid = Math.max(1, n / 10);
        List<EpochRow> rows = new ArrayList<>();
        powerCurve.train(net, split, seed, (e, network) -> {
            rows.add(new EpochRow(e.epoch(), e.trainLoss(), e.trainAccuracy(), e.testAccuracy(), e.seconds()));
            live.accept(rows.get(rows.size() - 1));
            if (plot != null && (e.epoch() == mid || e.epoch() == n)) {
                plot.addSnapshot(String.format(Locale.ROOT, "(%s) p(T) after epoch %d, test %.1f %%",
                        e.epoch() == n ? "d" : "c", e.epoch(), 100 * e.testAccuracy()), split.test(), network);
            }
        });
        if (plot != null) {
            // two rows when the snapshots pair up; one row when they do not (one epoch gives a single
            // snapshot after training), since the grid must hold exactly the charts there are
            int charts = plot.charts().size();
            int gridRows = charts % 2 == 0 ? 2 : 1;
            ResultFiles.writePng(plotDir.resolve("spiral-final-powers.png"), plot.charts(), gridRows, charts / gridRows);
        }
        return rows;
    }

    private List<EpochRow> trainMacrospin(SequenceDataset.Split split, long seed, Consumer<EpochRow> live) {
        List<EpochRow> rows = new ArrayList<>();
        macrospin.train(split, seed, e -> {
            rows.add(new EpochRow(e.epoch(), e.trainLoss(), e.trainAccuracy(), e.testAccuracy(), e.seconds()));
            live.accept(rows.get(rows.size() - 1));
        });
        return rows;
    }
}
