package io.spinloop.app.train;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.config.Limits;
import io.spinloop.measurements.AtomicFile;
import io.spinloop.training.run.ModelKind;
import io.spinloop.training.run.TrainingConfig;
import io.spinloop.training.study.Quartiles;
import io.spinloop.training.study.SeedRun;
import io.spinloop.training.study.SeedStudy;
import io.spinloop.training.engine.StudyEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spinloop study seeds|dt|density}: seed 000's statistics — final test accuracy over n random
 * initialisations (median and quartiles), versus the input interval Δt (Fig. 2b) and versus connection
 * density (Fig. 4). Each writes a CSV of every run, a CSV summary and a PNG into --out, and resumes when rerun.
 * {@code spread}, {@code coupling-table} and {@code bench-mode} study the p(I) network (seed 003) and the coupled
 * macrospins (seed 002). The chip studies ({@code transfer}, {@code chip-recovery}, {@code chip-digits}) are added as
 * subcommands where the command line is assembled ({@code SpinloopCommand}), since they live in the app's chip package.
 */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Studies over seeds: the oscillator network's accuracy over seeds, versus dt, versus density "
                + "(seeds, dt, density);", "the p(I) network's accuracy versus device spread and on the emulated bench, "
                + "the coupled macrospins' trained parts versus coupling (spread, bench-mode, coupling-table);",
                "on the (emulated) chip: transfer of twin-trained networks, chip-in-the-loop "
                + "recovery, sequential digits (transfer, chip-recovery, chip-digits)."},
        subcommands = {StudyCommand.Seeds.class, StudyCommand.Dt.class, StudyCommand.Density.class,
            SpreadStudyCommand.class, CouplingTableCommand.class, BenchModeCommand.class})
public final class StudyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every study shares. */
    static final class Common {
        @Option(names = "--seeds", defaultValue = "10", description = "Random initialisations per point (default: ${DEFAULT-VALUE}).")
        int seeds;

        @Option(names = "--parallel", defaultValue = "2", description = "Runs trained at once, one thread each (default: ${DEFAULT-VALUE}).")
        int parallel;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Study directory (resumed if rerun).")
        Path out;

        @Option(names = "--weights-dir", paramLabel = "DIR",
                description = "Copy each finished run's weights to DIR/<variant>/seed-<n>.h5 (a directory every executor sees; default: none, and no weights leave the runs).")
        Path weightsDir;
    }

    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        MultilayerModelOptions choice = new MultilayerModelOptions();

        @Mixin
        TrainOptions options = new TrainOptions();

        @Mixin
        Common common = new Common();

        @Mixin
        EngineOptions engine = new EngineOptions();

        /**
         * The base config of one model, trained single-threaded (the study runs several at once); the study's own
         * numbers are checked first, so a refused study creates nothing.
         */
        TrainingConfig base(ModelKind model) {
            OptionChecks.runs("--seeds", common.seeds);
            OptionChecks.threads("--parallel", common.parallel);
            TrainingConfig c = options.toConfig(choice.task, model).withThreads(options.threads != null ? options.threads : 1);
            options.checkSize(c, common.parallel, "--parallel");
            return c;
        }

        /** A variant of the base config; a value out of its domain is refused naming the option. */
        TrainingConfig variant(java.util.function.Supplier<TrainingConfig> make) {
            return make.get();
        }

        void printSummary(Map<String, Quartiles> q) {
            printSummaryTo(spec.commandLine().getOut(), q);
        }

        List<SeedRun> run(Map<String, TrainingConfig> variants) {
            OptionChecks.runs("--seeds", common.seeds);
            OptionChecks.threads("--parallel", common.parallel);
            PrintWriter o = spec.commandLine().getOut();
            int total = variants.size() * common.seeds;
            int[] done = {0};
            long t0 = System.nanoTime();
            o.printf("%s study: %d runs (%d variants x %d seeds), %s, on the %s engine, into %s%n", spec.name(), total,
                    variants.size(), common.seeds, engine.local() ? common.parallel + " at a time" : "one task each",
                    engine.engine, common.out);
            o.flush();
            try (StudyEngine e = engine.open()) {
                SeedStudy study = new SeedStudy(common.out, common.parallel, e, engine.local(),
                        common.weightsDir == null ? null : common.weightsDir.toAbsolutePath().toString());
                done[0] = study.done(variants, common.seeds);
                if (done[0] > 0) {
                    o.printf("%d runs already in runs.csv: read back, not trained again%n", done[0]);
                }
                List<SeedRun> runs = study.run(variants, common.seeds, run -> {
                    done[0]++;
                    o.printf(Locale.ROOT, "[%d/%d] %-28s seed %d  test accuracy %.2f %%  (%s, %.0f s elapsed)%n", done[0], total,
                            run.variant(), run.config().seed(), 100 * run.reportedTestAccuracy(), run.status(),
                            (System.nanoTime() - t0) / 1e9);
                    o.flush();
                });
                if (!e.report().isEmpty()) {
                    o.println(e.report());
                }
                return runs;
            }
        }
    }

    @Command(name = "seeds", mixinStandardHelpOptions = true,
            description = "Test accuracy over --seeds initialisations (the epoch chosen on --validation, else the last): median and quartiles (seeds.csv, seeds.png).")
    static final class Seeds extends Base {
        @Option(names = "--models", split = ",", defaultValue = "spintronic,ctrnn", description = "Models to study (default: ${DEFAULT-VALUE}).")
        List<ModelKind> models;

        @Override
        public Integer call() {
            Map<String, TrainingConfig> variants = new LinkedHashMap<>();
            for (ModelKind m : models) {
                variants.put(m.name().toLowerCase(Locale.ROOT), base(m));
            }
            List<SeedRun> runs = run(variants);
            Map<String, Quartiles> q = SeedStudy.summarize(runs);
            writeSummary(common.out.resolve("seeds.csv"), "model", q);
            XYChart chart = new XYChartBuilder().width(700).height(450).title("Sequential digits: test accuracy over seeds")
                    .xAxisTitle("seed").yAxisTitle("test accuracy (%)").build();
            for (String v : q.keySet()) {
                List<SeedRun> mine = runs.stream().filter(r -> r.variant().equals(v)).toList();
                XYSeries s = chart.addSeries(String.format(Locale.ROOT, "%s (median %.2f %%)", v, 100 * q.get(v).median()),
                        mine.stream().mapToDouble(r -> r.config().seed()).toArray(),
                        mine.stream().mapToDouble(r -> 100 * r.reportedTestAccuracy()).toArray());
                s.setLineStyle(SeriesLines.NONE);
            }
            LearningCurvePlot.savePng(chart, common.out.resolve("seeds.png"));
            printSummary(q);
            return 0;
        }
    }

    @Command(name = "dt", mixinStandardHelpOptions = true,
            description = "Accuracy versus the input interval dt (seed 000 Fig. 2b): dt.csv, dt.png.")
    static final class Dt extends Base {
        @Option(names = "--models", split = ",", defaultValue = "spintronic,ctrnn", description = "Models (default: ${DEFAULT-VALUE}).")
        List<ModelKind> models;

        @Option(names = "--dts", split = ",", defaultValue = "0.1,0.2,0.4,0.7,1,1.5,2.5,4,8", description = "Input intervals, ns (default: ${DEFAULT-VALUE}).")
        List<Double> dts;

        @Override
        public Integer call() {
            Map<String, TrainingConfig> variants = new LinkedHashMap<>();
            for (ModelKind m : models) {
                TrainingConfig b = base(m);
                for (double dt : dts) {
                    OptionChecks.positive("--dts", dt);
                    variants.put(m.name().toLowerCase(Locale.ROOT) + " dt=" + dt, variant(() -> b.withDt(dt)));
                }
            }
            Map<String, Quartiles> q = SeedStudy.summarize(run(variants));
            writeSummary(common.out.resolve("dt.csv"), "variant", q);
            bandPlot(common.out.resolve("dt.png"), "Accuracy versus input interval (" + common.seeds
                    + (common.seeds == 1 ? " seed" : " seeds") + ": median, quartiles)",
                    "time between input points dt (ns)", models, dts, q, (m, x) -> m + " dt=" + x, true);
            printSummary(q);
            return 0;
        }
    }

    @Command(name = "density", mixinStandardHelpOptions = true,
            description = "Accuracy versus connection density (seed 000 Fig. 4): density.csv, density.png.")
    static final class Density extends Base {
        @Option(names = "--kinds", split = ",", defaultValue = "global,intra,inter",
                description = "global: both densities; intra: intralayer density with interlayer 1; inter: interlayer with intralayer 1 (default: ${DEFAULT-VALUE}).")
        List<String> kinds;

        @Option(names = "--densities", split = ",", defaultValue = "0.1,0.2,0.3,0.5,0.75,1", description = "Densities (default: ${DEFAULT-VALUE}).")
        List<Double> densities;

        @Override
        public Integer call() {
            Map<String, TrainingConfig> variants = new LinkedHashMap<>();
            TrainingConfig b = base(choice.model);
            for (String k : kinds) {
                for (double d : densities) {
                    OptionChecks.check("--densities", d, Limits.positiveAtMost(d, 1));
                    TrainingConfig c;
                    switch (k) {
                        case "global": c = variant(() -> b.withDensities(d, d)); break;
                        case "intra": c = variant(() -> b.withDensities(1.0, d)); break;
                        case "inter": c = variant(() -> b.withDensities(d, 1.0)); break;
                        default: throw new ParameterException(spec.commandLine(),
                                "invalid value '" + k + "' for option '--kinds': use global, intra or inter");
                    }
                    variants.put(k + " d=" + d, c);
                }
            }
            Map<String, Quartiles> q = SeedStudy.summarize(run(variants));
            writeSummary(common.out.resolve("density.csv"), "variant", q);
            bandPlot(common.out.resolve("density.png"), "Accuracy versus connection density (median, quartiles)",
                    "connection density", kinds, densities, q, (k, x) -> k + " d=" + x, false);
            printSummary(q);
            return 0;
        }
    }

    /** Label of the variant of a series at one x. */
    interface Labeler<S> {
        String label(String series, double x);
    }

    static <S> void bandPlot(Path file, String title, String xTitle, List<S> series, List<Double> xs,
            Map<String, Quartiles> q, Labeler<S> label, boolean logX) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle)
                .yAxisTitle("test accuracy (%)").build();
        chart.getStyler().setXAxisLogarithmic(logX);
        for (S s : series) {
            String name = s.toString().toLowerCase(Locale.ROOT);
            double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
            double[] med = new double[x.length];
            double[] lo = new double[x.length];
            double[] hi = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                Quartiles qq = q.get(label.label(name, x[i]));
                med[i] = 100 * qq.median();
                lo[i] = 100 * qq.q1();
                hi[i] = 100 * qq.q3();
            }
            chart.addSeries(name + " median", x, med).setMarker(SeriesMarkers.CIRCLE);
            chart.addSeries(name + " 25th pct", x, lo).setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH);
            chart.addSeries(name + " 75th pct", x, hi).setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH);
        }
        LearningCurvePlot.savePng(chart, file);
    }

    static void writeSummary(Path file, String key, Map<String, Quartiles> q) {
        StringBuilder sb = new StringBuilder(key + ",n,median,q1,q3\n");
        q.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%.6f%n", k, v.n(), v.median(), v.q1(), v.q3())));
        writeText(file, sb.toString());
    }

    static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFile.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void printSummaryTo(PrintWriter o, Map<String, Quartiles> q) {
        o.println("variant                         n   median     q1       q3");
        q.forEach((k, v) -> o.printf(Locale.ROOT, "%-30s %2d  %6.2f %%  %6.2f %%  %6.2f %%%n", k, v.n(), 100 * v.median(),
                100 * v.q1(), 100 * v.q3()));
        o.flush();
    }

}
