package io.spinloop.app.train;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.config.Limits;
import io.spinloop.training.powercurve.ClassificationTask;
import io.spinloop.training.powercurve.PowerCurveRun;
import io.spinloop.training.powercurve.SpreadStudy;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import io.spinloop.training.engine.StudyEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spinloop study spread}, seed 003 Fig. 4: a network trained on identical devices (a = 4) is evaluated on
 * devices whose a is drawn from N(4, sigma^2), one draw per device, many draws per sigma ({@link SpreadStudy}).
 */
@Command(name = "spread", mixinStandardHelpOptions = true,
        description = {"Accuracy of a trained seed-003 p(I) network versus the device-to-device spread sigma(a), a ~ N(4, sigma^2) (seed 003 Fig. 4).",
            "Writes spread.csv and spread.png."})
public final class SpreadStudyCommand implements Callable<Integer> {

    @Option(names = "--task", defaultValue = "spiral", description = "spiral (seed 003's Fig. 4) or digits (default: ${DEFAULT-VALUE})",
            converter = ChoiceConverters.TaskConverter.class)
    ClassificationTask task;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the trained network, split and draws (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--draws", defaultValue = "2000", description = "device draws per sigma (default: ${DEFAULT-VALUE}; seed 003: 10000)")
    int draws;

    @Option(names = "--max-sigma", defaultValue = "1.0", description = "largest sigma (default: ${DEFAULT-VALUE})")
    double maxSigma;

    @Option(names = "--sigma-step", defaultValue = "0.05", description = "sigma spacing (default: ${DEFAULT-VALUE})")
    double sigmaStep;

    @Option(names = "--epochs", description = "training epochs (default 300 spiral, 40 digits)")
    Integer epochs;

    @Option(names = "--out", description = "output directory (default runs/spread-<task>)")
    Path out;

    @Option(names = "--parallel", defaultValue = "1", description = "sigmas evaluated at once on the local engine (default: ${DEFAULT-VALUE})")
    int parallel;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        OptionChecks.samples("--draws", draws);
        OptionChecks.threads("--parallel", parallel);
        OptionChecks.nonNegative("--max-sigma", maxSigma);
        OptionChecks.positive("--sigma-step", sigmaStep);
        if (epochs != null) {
            OptionChecks.epochs("--epochs", epochs);
        }
        long sigmaCount = Limits.sweepPoints(0, maxSigma, sigmaStep);
        if (sigmaCount > Limits.MAX_RUNS) {
            OptionChecks.budget(OptionChecks.given("--max-sigma", maxSigma) + " " + OptionChecks.given("--sigma-step",
                    sigmaStep), "give " + Limits.count(sigmaCount) + " values of sigma; at most " + Limits.count(Limits.MAX_RUNS));
        }
        Path dir = ResultFiles.directory(out != null ? out : Path.of("runs", "spread-" + task));
        SpreadStudy study = new SpreadStudy(task, seed, draws, sigmaStep, (int) sigmaCount,
                epochs != null ? epochs : PowerCurveRun.defaults(task).epochs());
        // Rows by sigma, whatever order the engine returns them in.
        java.util.TreeMap<Double, String> rows = new java.util.TreeMap<>();
        List<SpreadStudy.Point> points;
        try (StudyEngine e = engine.open()) {
            points = study.run(e, parallel, dir, new SpreadStudy.Listener() {
                @Override
                public void trained(double nominal) {
                    System.out.printf(Locale.ROOT, "trained on identical devices: test accuracy %.2f %%%n", 100 * nominal);
                }
    
                @Override
                public void pointDone(SpreadStudy.Point p) {
                    rows.put(p.sigma(), String.format(Locale.ROOT, "%.4f,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f%n", p.sigma(), p.draws(),
                            p.mean(), p.std(), p.p05(), p.median(), p.p95(), p.min()));
                    System.out.printf(Locale.ROOT, "sigma(a) = %.2f: mean accuracy %.2f %% (5th percentile %.2f %%)%n",
                            p.sigma(), 100 * p.mean(), 100 * p.p05());
                    ResultFiles.writeText(dir.resolve("spread.csv"), "sigma,draws,mean_accuracy,std_accuracy,p05_accuracy,"
                            + "median_accuracy,p95_accuracy,min_accuracy\n" + String.join("", rows.values()));
                }
            });
            if (!e.report().isEmpty()) {
                System.out.println(e.report());
            }
        }
        ResultFiles.writePng(dir.resolve("spread.png"), List.of(chart(points)), 1, 1);
        System.out.println("files in " + dir);
        return 0;
    }

    private XYChart chart(List<SpreadStudy.Point> points) {
        double[] sigmas = points.stream().mapToDouble(SpreadStudy.Point::sigma).toArray();
        XYChart chart = new XYChartBuilder().width(720).height(480)
                .title("seed 003 Fig. 4 on " + task + ": accuracy vs device spread, " + draws + " draws per sigma")
                .xAxisTitle("sigma(a), a ~ N(4, sigma^2) per device").yAxisTitle("test accuracy").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        XYSeries meanSeries = chart.addSeries("mean", sigmas, points.stream().mapToDouble(SpreadStudy.Point::mean).toArray());
        meanSeries.setMarker(SeriesMarkers.CIRCLE);
        XYSeries lo = chart.addSeries("5th percentile", sigmas, points.stream().mapToDouble(SpreadStudy.Point::p05).toArray());
        lo.setMarker(SeriesMarkers.NONE);
        XYSeries hi = chart.addSeries("95th percentile", sigmas, points.stream().mapToDouble(SpreadStudy.Point::p95).toArray());
        hi.setMarker(SeriesMarkers.NONE);
        return chart;
    }
}
