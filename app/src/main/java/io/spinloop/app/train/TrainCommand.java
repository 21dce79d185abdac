package io.spinloop.app.train;

import io.spinloop.training.powercurve.ClassificationTask;
import io.spinloop.training.run.EpochMetrics;
import io.spinloop.training.run.RunDirectory;
import io.spinloop.training.run.TrainingConfig;
import io.spinloop.training.loop.TrainingDivergedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import io.spinloop.app.live.LiveOptions;
import io.spinloop.app.live.LiveView;
import io.spinloop.app.live.StoppableRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spinloop train}: one of the papers' networks. Seed 000's multilayer network (spintronic or CTRNN neurons) by
 * off-chip BPTT into a resumable run directory ({@link RunDirectory}); seed 003's p(I) network or seed 002's coupled
 * macrospins over several seeds ({@link PaperNetworkTraining}). An option of one model given with another is refused
 * naming both.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a network of the papers: seed 000's multilayer network (spintronic, ctrnn), seed 003's "
                + "p(I) network (power-curve) or seed 002's coupled macrospins (macrospin).",
                "spintronic, ctrnn: seed 000's multilayer oscillator network (or its CTRNN counterpart) by BPTT on the "
                        + "sequential digits. Writes DIR/config.json, DIR/metrics.json, DIR/weights.h5 and "
                        + "DIR/learning-curves.png; run it again on the same DIR to resume after an interruption.",
                "power-curve, macrospin: seed 003's p(I) dynamical network or seed 002's coupled macrospins on the "
                        + "spiral or the digits over several seeds. Writes epochs.csv and summary.csv (and, for "
                        + "power-curve on the spiral, spiral-final-powers.png, seed 003's Fig. 3)."},
        footer = {"", "power-curve and macrospin take --epochs (default: power-curve 300 on the spiral, 40 on the "
                + "digits; macrospin 10) and --batch (default: 32); the other options without a model named are "
                + "spintronic's and ctrnn's."})
public final class TrainCommand implements Callable<Integer> {
    /**
     * Exit code when training produced NaN/infinity: the run failed while it ran (a directory that cannot take the run
     * is refused with 2 by {@link io.spinloop.app.cli.CommandErrors}).
     */
    static final int DIVERGED = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    LiveOptions live;

    private LiveView view = LiveView.off();

    @Option(names = "--model", defaultValue = "spintronic", converter = ChoiceConverters.ModelConverter.class,
            description = "spintronic or ctrnn (seed 000's multilayer network), power-curve (seed 003) or macrospin "
                    + "(seed 002) (default: ${DEFAULT-VALUE}).")
    TrainModel model;

    @Option(names = "--task", defaultValue = "digits", description = "Task: digits (sequential 8x8 digits) for "
            + "spintronic and ctrnn; spiral or digits for power-curve and macrospin, which need it named (default: "
            + "${DEFAULT-VALUE}).")
    String task;

    @Mixin
    TrainOptions options = new TrainOptions();

    @Mixin
    PaperNetworkOptions papers = new PaperNetworkOptions();

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (created; resumed if it holds this run); "
            + "required for spintronic and ctrnn; default: runs/<model>-<task> for power-curve and macrospin.")
    Path out;

    @Override
    public Integer call() throws Exception {
        refuseOptionsOfOtherModels();
        if (model.multilayer()) {
            try (LiveView v = live.start("train " + model)) {
                view = v;
                // Ctrl-C or the page's Stop: after the batch in flight; weights.h5 keeps the last finished epoch
                return v.run(() -> {
                    try (StoppableRun stop = StoppableRun.open(v)) {
                        return trainMultilayer();
                    }
                });
            }
        }
        ClassificationTask t = paperTask();
        papers.check(model, t, options.epochs, options.batch);
        PaperNetworkTraining run = model == TrainModel.POWER_CURVE
                ? PaperNetworkTraining.powerCurve(papers.powerCurve(t, options.epochs, options.batch))
                : PaperNetworkTraining.macrospin(t, papers.macrospin(options.epochs, options.batch));
        try (LiveView v = live.start("train " + model + " on " + t)) {
            // stopped, epochs.csv and summary.csv keep the seeds finished (they are rewritten after each)
            return v.run(() -> {
                try (StoppableRun stop = StoppableRun.open(v)) {
                    run.run(papers.seeds, papers.firstSeed, papers.dataSeed, out != null ? out : run.defaultDirectory(),
                            v);
                    return 0;
                }
            });
        }
    }

    /** Seed 000's network into the run directory --out, resumed when it holds this run. */
    private int trainMultilayer() {
        if (out == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--out=DIR' (--model " + model
                    + " trains into a run directory)");
        }
        TrainingConfig config = options.toConfig(task, model.kind());
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        o.printf("training %s on %s: %d x %d neurons, tau %.3g ns, dt %.3g ns, S %.3g, lr0 %.3g, decay %.3g, %d epochs, seed %d, %d threads%n",
                config.model().name().toLowerCase(), config.task(), config.layers(), config.neurons(), config.tauNs(),
                config.dtNs(), config.amplification(), config.lr0(), config.decay(), config.epochs(), config.seed(),
                config.threads());
        o.flush();
        RunDirectory run = new RunDirectory(out);
        RunDirectory.Result result;
        try {
            result = run.train(config, m -> {
                view.epoch("train", m.epoch() + 1, m.trainLoss(), m.testAccuracy());
                o.println(progressLine(m, config.epochs()));
                o.flush();
            });
        } catch (TrainingDivergedException e) {
            err.println("spinloop train: " + e.getMessage() + " (recorded in " + out.resolve(RunDirectory.METRICS) + ")");
            LearningCurvePlot.writeQuietly(out, config, err);
            return DIVERGED;
        }
        reportMultilayer(o, config, result);
        return 0;
    }

    private void reportMultilayer(PrintWriter o, TrainingConfig config, RunDirectory.Result result) {
        if (result.resumedFromEpoch() > 0) {
            o.printf("(resumed after epoch %d)%n", result.resumedFromEpoch());
        }
        LearningCurvePlot.write(out, result.history(), config);
        int selected = RunDirectory.selectedEpoch(result.history());
        if (selected >= 0) {
            EpochMetrics s = result.history().get(selected);
            o.printf("epoch %d chosen on the validation part (%.2f %%): test accuracy %.2f %%; its weights are %s%n",
                    s.epoch() + 1, 100 * s.validationAccuracy(), 100 * s.testAccuracy(),
                    out.resolve(RunDirectory.SELECTED_WEIGHTS));
        }
        o.printf("final test accuracy %.2f %% (%d neurons, %d synapses); wrote %s%n", 100 * result.finalTestAccuracy(),
                result.neurons(), result.synapses(), out);
    }

    /** The task of the p(I) network or the macrospins: --task must be given, spiral or digits. */
    private ClassificationTask paperTask() {
        if (!spec.commandLine().getParseResult().hasMatchedOption("--task")) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--task' (--model " + model
                    + " trains on spiral or digits)");
        }
        return ClassificationTask.named(task).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--task must be spiral or digits, not '" + task + "'"));
    }

    /**
     * Refuses, before anything is touched, an option that the chosen model does not take, naming it and --model:
     * spintronic's and ctrnn's options with power-curve or macrospin, and each of those networks' own with the others.
     */
    private void refuseOptionsOfOtherModels() {
        Set<String> multilayer = spec.mixins().get("options").options().stream().map(OptionSpec::longestName)
                .filter(n -> !n.equals("--epochs") && !n.equals("--batch")).collect(Collectors.toSet());
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            String name = o.longestName();
            Set<TrainModel> takes = multilayer.contains(name) ? Set.of(TrainModel.SPINTRONIC, TrainModel.CTRNN)
                    : PaperNetworkOptions.modelsOf(name);
            if (takes != null && !takes.contains(model)) {
                throw new ParameterException(spec.commandLine(), name + " is an option of --model " + takes.stream()
                        .sorted().map(TrainModel::toString).collect(Collectors.joining(" or ")) + ", not of --model "
                        + model);
            }
        }
    }

    static String progressLine(EpochMetrics m, int epochs) {
        return String.format("epoch %3d/%d  lr %.4g  train loss %.4f acc %5.1f %%  test loss %.4f acc %5.1f %%  %.2f s",
                m.epoch() + 1, epochs, m.learningRate(), m.trainLoss(), 100 * m.trainAccuracy(), m.testLoss(),
                100 * m.testAccuracy(), m.seconds())
                + (Double.isNaN(m.validationAccuracy()) ? ""
                        : String.format("  validation acc %5.1f %%", 100 * m.validationAccuracy()));
    }
}
