package io.spinloop.app.train;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.config.Limits;
import io.spinloop.training.engine.StudyEngine;
import io.spinloop.training.run.TrainingConfig;
import io.spinloop.training.tune.Dimension;
import io.spinloop.training.tune.MedianPruner;
import io.spinloop.training.tune.TpeSampler;
import io.spinloop.training.tune.Trial;
import io.spinloop.training.tune.TrialsFile;
import io.spinloop.training.tune.TuningStudy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinloop tune}: TPE search over τ, lr0, decay, S and initial weight scale, with median pruning and
 * trials in parallel on an engine (--engine local|spark), judged on a validation part of the training set (--validation,
 * default a quarter). Writes trials-done.csv as trials end (what a resumed search reads back), then trials.csv (the
 * results table, best first), best.txt (the winning options) and tune.png.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Hyper-parameter search (TPE sampler, median pruning, parallel trials) for the oscillator or CTRNN network.",
                "Other training options fix the base configuration; the searched ones override it."})
public final class TuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MultilayerModelOptions choice = new MultilayerModelOptions();

    @Mixin
    TrainOptions options = new TrainOptions();

    @Option(names = "--trials", defaultValue = "40", description = "Trials (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--parallel", defaultValue = "2", description = "Trials in flight at once, one task (one thread) each (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--startup", defaultValue = "8", description = "Random trials before TPE takes over (default: ${DEFAULT-VALUE}).")
    int startup;

    @Option(names = "--prune-warmup", defaultValue = "4", description = "Epochs before a trial may be pruned (default: ${DEFAULT-VALUE}).")
    int pruneWarmup;

    @Option(names = "--sampler-seed", defaultValue = "0", description = "Seed of the sampler (default: ${DEFAULT-VALUE}).")
    long samplerSeed;

    @Option(names = "--space", split = ",", paramLabel = "NAME=LOW:HIGH",
            description = "Search ranges (log-uniform), e.g. tau=2:40,lr0=0.001:0.3,input_noise=0.01:0.5 (also weight_decay); default: tau=1:60,lr0=0.001:0.3,decay=1:50,S=0.01:2,init_scale=0.1:10.")
    List<String> space;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--weights-dir", paramLabel = "DIR",
            description = "Write each trial's weights to DIR/trial-<n>.h5 (a directory every executor sees); (default: none, and no weights are written).")
    Path weightsDir;

    @Override
    public Integer call() {
        OptionChecks.runs("--trials", trials);
        OptionChecks.threads("--parallel", parallel);
        OptionChecks.between("--startup", startup, 0, Limits.MAX_RUNS);
        OptionChecks.between("--prune-warmup", pruneWarmup, 0, Limits.MAX_EPOCHS);
        TrainingConfig base = options.toConfig(choice.task, choice.model, parallel, "--parallel");
        List<Dimension> dims = space == null ? TuningStudy.defaultSpace() : parseSpace(space);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "tuning %s: %d trials, %d in parallel on the %s engine, %d epochs each, searching %s%n",
                base.model().name().toLowerCase(Locale.ROOT), trials, parallel, engine.engine, base.epochs(),
                dims.stream().map(Dimension::name).toList());
        o.flush();
        TuningStudy study = new TuningStudy(base, new TpeSampler(dims, samplerSeed, startup, 0.25, 24),
                new MedianPruner(pruneWarmup, 4), trials, parallel,
                base.regularisation().holdsOutValidation() ? base.regularisation().validation() : 0.25);
        TrialsFile file = study.results(out.resolve("trials-done.csv"));
        if (file.size() > 0) {
            o.printf("%d trials already in %s: read back, not run again%n", file.size(), file.path());
        }
        long t0 = System.nanoTime();
        List<Trial> all;
        try (StudyEngine e = engine.open()) {
            all = study.run(e, file, weightsDir == null ? null : weightsDir.toAbsolutePath().toString(), t -> {
                o.printf(Locale.ROOT, "trial %3d %-8s val acc %6.2f %%  %s  %s (%.0f s)%n", t.number(), t.state(),
                        100 * t.value(), format(t), t.note(), (System.nanoTime() - t0) / 1e9);
                o.flush();
            });
            if (!e.report().isEmpty()) {
                o.println(e.report());
            }
        }
        String best = TuningReport.write(out, base, dims, all, o);
        o.println("\nbest: " + best + "   (written to " + out.resolve("best.txt") + ")");
        return 0;
    }

    static String format(Trial t) {
        StringBuilder sb = new StringBuilder();
        t.params().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> sb.append(String.format(Locale.ROOT, "%s=%.4g ", e.getKey(), e.getValue())));
        return sb.toString().trim();
    }

    private List<Dimension> parseSpace(List<String> specs) {
        List<Dimension> dims = new ArrayList<>();
        for (String s : specs) {
            String[] kv = s.split("=", 2);
            String[] lh = kv.length == 2 ? kv[1].split(":", 2) : new String[0];
            try {
                if (lh.length != 2 || !TuningStudy.NAMES.contains(kv[0])) {
                    throw new RefusedInputException("expected NAME=LOW:HIGH with NAME in " + TuningStudy.NAMES);
                }
                double low = Double.parseDouble(lh[0]);
                double high = Double.parseDouble(lh[1]);
                if (!Double.isFinite(low) || !Double.isFinite(high)) {
                    throw new RefusedInputException("expected finite bounds");
                }
                dims.add(new Dimension(kv[0], low, high, true));
            } catch (IllegalArgumentException e) {
                throw new RefusedInputException("invalid value '" + s + "' for option '--space': " + e.getMessage(), e);
            }
        }
        return dims;
    }
}
