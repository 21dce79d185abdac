package io.spinloop.app.train;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.lab.config.Limits;
import io.spinloop.training.run.TrainingConfig;
import io.spinloop.training.tune.Dimension;
import io.spinloop.training.tune.MedianPruner;
import io.spinloop.training.tune.TpeSampler;
import io.spinloop.training.tune.Trial;
import io.spinloop.training.tune.TuningStudy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.lines.SeriesLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinloop tune}: TPE search over τ, lr0, decay, S and initial weight scale, with median pruning and
 * trials in parallel, judged on a validation part of the training set (--validation, default a quarter). Writes trials.csv (the results
 * table), best.txt (the winning options) and tune.png.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Hyper-parameter search (TPE sampler, median pruning, parallel trials) for the oscillator or CTRNN network.",
                "Other training options fix the base configuration; the searched ones override it."})
public final class TuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainOptions options = new TrainOptions();

    @Option(names = "--trials", defaultValue = "40", description = "Trials (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--parallel", defaultValue = "2", description = "Trials trained at once, one thread each (default: ${DEFAULT-VALUE}).")
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

    @Override
    public Integer call() {
        OptionChecks.runs("--trials", trials);
        OptionChecks.threads("--parallel", parallel);
        OptionChecks.between("--startup", startup, 0, Limits.MAX_RUNS);
        OptionChecks.between("--prune-warmup", pruneWarmup, 0, Limits.MAX_EPOCHS);
        TrainingConfig base = options.toConfig(parallel, "--parallel");
        List<Dimension> dims = space == null ? TuningStudy.defaultSpace() : parseSpace(space);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "tuning %s: %d trials, %d in parallel, %d epochs each, searching %s%n",
                base.model().name().toLowerCase(Locale.ROOT), trials, parallel, base.epochs(),
                dims.stream().map(Dimension::name).toList());
        o.flush();
        TuningStudy study = new TuningStudy(base, new TpeSampler(dims, samplerSeed, startup, 0.25, 24),
                new MedianPruner(pruneWarmup, 4), trials, parallel,
                base.regularisation().holdsOutValidation() ? base.regularisation().validation() : 0.25);
        long t0 = System.nanoTime();
        List<Trial> all = study.run(t -> {
            o.printf(Locale.ROOT, "trial %3d %-8s val acc %6.2f %%  %s  %s (%.0f s)%n", t.number(), t.state(),
                    100 * t.value(), format(t), t.note(), (System.nanoTime() - t0) / 1e9);
            o.flush();
        });
        List<Trial> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing((Trial t) -> t.state() == Trial.State.COMPLETE ? 0 : 1)
                .thenComparing(t -> Double.isNaN(t.value()) ? 1.0 : -t.value()));
        StringBuilder csv = new StringBuilder("trial,state,validation_accuracy,epochs_run");
        for (Dimension d : dims) {
            csv.append(',').append(d.name());
        }
        csv.append(",note\n");
        o.println("\nrank trial state     val acc   " + String.join("  ", dims.stream().map(Dimension::name).toList()));
        int rank = 0;
        for (Trial t : sorted) {
            csv.append(String.format(Locale.ROOT, "%d,%s,%.6f,%d", t.number(), t.state(), t.value(), t.intermediate().size()));
            for (Dimension d : dims) {
                csv.append(String.format(Locale.ROOT, ",%.6g", t.params().get(d.name())));
            }
            csv.append(',').append(t.note().replace(',', ';')).append('\n');
            if (rank++ < 10) {
                o.printf(Locale.ROOT, "%4d %5d %-9s %6.2f %%  %s%n", rank, t.number(), t.state(), 100 * t.value(), format(t));
            }
        }
        StudyCommand.writeText(out.resolve("trials.csv"), csv.toString());
        Trial best = sorted.get(0);
        StringBuilder cmd = new StringBuilder("--model " + base.model().name().toLowerCase(Locale.ROOT));
        TrainingConfig bc = TuningStudy.apply(base, best.params());
        cmd.append(String.format(Locale.ROOT, " --tau %.4g --lr0 %.4g --decay %.4g --S %.4g --init-scale %.4g", bc.tauNs(),
                bc.lr0(), bc.decay(), bc.amplification(), bc.initScale()));
        if (bc.regularisation().inputNoise() > 0) {
            cmd.append(String.format(Locale.ROOT, " --input-noise %.4g", bc.regularisation().inputNoise()));
        }
        if (bc.regularisation().weightDecay() > 0) {
            cmd.append(String.format(Locale.ROOT, " --weight-decay %.4g", bc.regularisation().weightDecay()));
        }
        StudyCommand.writeText(out.resolve("best.txt"), String.format(Locale.ROOT,
                "# best of %d trials: validation accuracy %.4f (trial %d, %d epochs)%n%s%n", all.size(), best.value(),
                best.number(), best.intermediate().size(), cmd));
        XYChart chart = new XYChartBuilder().width(800).height(450).title("Tuning " + base.model().name().toLowerCase(Locale.ROOT))
                .xAxisTitle("trial").yAxisTitle("validation accuracy (%)").build();
        for (Trial.State s : new Trial.State[] {Trial.State.COMPLETE, Trial.State.PRUNED}) {
            List<Trial> ts = all.stream().filter(t -> t.state() == s && !Double.isNaN(t.value())).toList();
            if (!ts.isEmpty()) {
                chart.addSeries(s.name().toLowerCase(Locale.ROOT), ts.stream().mapToDouble(Trial::number).toArray(),
                        ts.stream().mapToDouble(t -> 100 * t.value()).toArray()).setLineStyle(SeriesLines.NONE);
            }
        }
        LearningCurvePlot.savePng(chart, out.resolve("tune.png"));
        o.println("\nbest: " + cmd + "   (written to " + out.resolve("best.txt") + ")");
        return 0;
    }

    private static String format(Trial t) {
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
