package io.spinloop.app.chip;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.training.chip.ChipSetup;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.training.mackeyglass.ForecastError;
import io.spinloop.training.mackeyglass.ForecastTask;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import io.spinloop.app.live.LiveOptions;
import io.spinloop.app.live.LiveView;
import io.spinloop.app.live.StoppableRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spinloop train-on-twin}: the demo's Mackey-Glass network, or the sequential-digits classifier
 * ({@code --task digits}), trained on neuron twins loaded from files, without a bench (noise-aware by default:
 * the twins' noise sampled in every forward pass). Writes weights that {@code deploy}
 * and {@code chip-train} read with the same twins.
 */
@Command(name = "train-on-twin", mixinStandardHelpOptions = true,
        description = "Train the chip network on neuron twins from files (no bench); weights for deploy/chip-train.")
public final class TrainOnTwinCommand implements Callable<Integer> {

    @Option(names = "--twins", required = true, split = ",", paramLabel = "DIR|FILE",
            description = "neuron twins: a directory (a demo's output) or the files")
    List<Path> twins;

    @Option(names = "--twin", defaultValue = "response", paramLabel = "sde|response",
            description = "which twins of the directory: response (response-twin-<device>.json) or sde "
                    + "(twin-<device>.h5); default: ${DEFAULT-VALUE}")
    String twinKind;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "weights file to write (never "
            + "overwritten)")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "training seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--quick", description = "the demo's --quick sizes (12 neurons, 20 training windows)")
    boolean quick;

    @Option(names = "--deterministic", description = "train on the twins' mean only (default: noise-aware)")
    boolean deterministic;

    @Option(names = "--epochs", paramLabel = "N", description = "epochs on the twin (default: Mackey-Glass 200, "
            + "--quick 40; digits 60, --quick 3)")
    Integer epochs;

    @Option(names = "--task", defaultValue = "mackey-glass", paramLabel = "mackey-glass|digits",
            description = "the demo's Mackey-Glass forecast, or sequential digits (8 rows of 8 pixels per image, the "
                    + "network of study chip-digits); default: ${DEFAULT-VALUE}")
    String task;

    @Option(names = "--neurons", paramLabel = "N", description = "digits: hidden neurons (default 6)")
    Integer neurons;

    @Option(names = "--recurrent", description = "digits: host-side recurrence between rows (runs by stepping)")
    boolean recurrent;

    @Mixin
    LiveOptions live;

    private LiveView view = LiveView.off();

    private final PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        if (epochs != null) {
            OptionChecks.epochs("--epochs", epochs);
        }
        if (neurons != null) {
            OptionChecks.atLeast("--neurons", neurons, 1);
        }
        if (Files.exists(out)) {
            throw new FileAlreadyExistsException(out.toString(), null, "exists: --out is never overwritten");
        }
        ChipExperiment.TwinKind kind = ChipExperiment.twinKind(twinKind, "--twin");
        try (LiveView v = live.start("train-on-twin " + task)) {
            view = v;
            // Ctrl-C or the page's Stop: after the batch in flight, and --out is not written (it holds a run's
            // weights or nothing)
            return v.run(() -> {
                try (StoppableRun stop = StoppableRun.open(v)) {
                    return task.equals("digits") ? digits(kind) : mackeyGlass(kind);
                }
            });
        }
    }

    private int mackeyGlass(ChipExperiment.TwinKind kind) throws Exception {
        if (!task.equals("mackey-glass")) {
            throw new RefusedInputException("--task: expected mackey-glass or digits, got \"" + task + "\"");
        }
        if (neurons != null || recurrent) {
            throw new RefusedInputException("--neurons and --recurrent apply to --task digits; the Mackey-Glass "
                    + "network has the demo's sizes");
        }
        ChipExperiment.Options base = (quick ? ChipExperiment.Options.quick(seed) : ChipExperiment.Options.full(seed))
                .withTwin(kind);
        ChipExperiment.Options o = epochs == null ? base : new ChipExperiment.Options(base.neurons(), base.taps(),
                base.trainWindows(), base.testWindows(), base.steps(), base.sampling(), base.horizon(), epochs,
                base.chipEpochs(), base.batch(), base.learningRate(), base.chipLearningRate(), base.drivePenalty(),
                base.calibrationLength(), base.calibrationSequences(), base.calibrationHeldOut(),
                base.calibrationRepeats(), kind, base.quickFit(), seed);
        NeuronTwinFiles.Loaded loaded = NeuronTwinFiles.loadAll(twins, kind, "--twins");
        ChipSetup s = ChipSetup.offline(loaded.twins());
        List<String> devices = List.of(s.driveMap().deviceIds());
        err.printf("%d neurons on the %s twins of %s, %s, %d epochs%n", o.neurons(), kind.name().toLowerCase(Locale.ROOT),
                String.join(", ", devices), deterministic ? "deterministic" : "noise-aware", o.twinEpochs());
        ForecastTask.Split task = o.task();
        ChipExperiment.Trained trained = ChipExperiment.trainOnTwin(s, o, task, !deterministic, seed, e -> {
            view.epoch("twin", e.epoch(), e.trainLoss(), Double.NaN);
            if (e.epoch() % Math.max(1, o.twinEpochs() / 5) == 0) {
                err.printf("    epoch %d: train loss %.4f, twin test MSE %.4f%n", e.epoch(), e.trainLoss(),
                        e.test().mse());
            }
        });
        ForecastError mean = ChipExperiment.onTwin(s, o, trained.weights(), task.test(), false, 0);
        ForecastError noisy = ChipExperiment.onTwin(s, o, trained.weights(), task.test(), true, seed + 101);
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        new TrainedNetworkFile(trained.weights(), devices, kind, o, "spinloop train-on-twin ("
                + (deterministic ? "deterministic" : "noise-aware") + ")").write(out);
        System.out.printf(Locale.ROOT, "twin test MSE %.4f (NRMSE %.3f), with the twins' noise sampled %.4f -> %s%n",
                mean.mse(), mean.nrmse(), noisy.mse(), out);
        return 0;
    }

    private int digits(ChipExperiment.TwinKind kind) throws java.io.IOException {
        int n = neurons == null ? 6 : neurons;
        if (n < 1) {
            throw new RefusedInputException("--neurons: expected 1 or more, got " + n);
        }
        DigitsExperiment.Plan base = quick ? DigitsExperiment.Plan.quick(n, recurrent)
                : DigitsExperiment.Plan.full(n, recurrent);
        DigitsExperiment.Plan p = epochs == null ? base : base.withEpochs(epochs, base.chipEpochs());
        p.checkSize(OptionChecks.given("--neurons", n));
        NeuronTwinFiles.Loaded loaded = NeuronTwinFiles.loadAll(twins, kind, "--twins");
        ChipSetup s = ChipSetup.offline(loaded.twins());
        List<String> devices = List.of(s.driveMap().deviceIds());
        DigitsExperiment.Data d = DigitsExperiment.data(p);
        err.printf("sequential digits: %d %s neurons on the %s twins of %s, %s, %d epochs, %d training images%n", n,
                recurrent ? "recurrent" : "feed-forward", kind.name().toLowerCase(Locale.ROOT),
                String.join(", ", devices), deterministic ? "deterministic" : "noise-aware", p.epochs(),
                d.train().size());
        NetworkWeights w = DigitsExperiment.trainOnTwin(s, p, d, DigitsExperiment.start(s, p, d.train(), seed),
                !deterministic, seed, e -> {
                    view.epoch("twin", e.epoch(), e.trainLoss(), e.testAccuracy());
                    if (e.epoch() % Math.max(1, p.epochs() / 5) == 0) {
                        err.printf("    epoch %d: train loss %.4f, twin test accuracy %.4f%n", e.epoch(),
                                e.trainLoss(), e.testAccuracy());
                    }
                });
        double mean = DigitsExperiment.onTwin(s, p, w, d.test(), false, 0);
        double noisy = DigitsExperiment.onTwin(s, p, w, d.test(), true, seed + 101);
        Files.createDirectories(out.toAbsolutePath().getParent());
        TrainedNetworkFile.digits(w, devices, kind, p, seed, "spinloop train-on-twin --task digits ("
                + (deterministic ? "deterministic" : "noise-aware") + ")").write(out);
        System.out.printf(Locale.ROOT, "twin test accuracy %.4f, with the twins' noise sampled %.4f -> %s%n", mean,
                noisy, out);
        return 0;
    }
}
