package io.spinloop.app.seeds;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.config.Limits;
import io.spinloop.training.powercurve.LabelledData;
import io.spinloop.training.powercurve.PowerCurveNetwork;
import io.spinloop.training.powercurve.PowerCurveNetworkConfig;
import io.spinloop.training.powercurve.PowerCurveTrainer;
import io.spinloop.twin.physics.PowerCurveArray;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Seed 003 Fig. 4: a network trained on identical devices (a = 4) is evaluated on devices whose a is
 * drawn from N(4, sigma^2), one draw per device, many draws per sigma.
 */
@Command(name = "spread", mixinStandardHelpOptions = true,
        description = {"Accuracy of a trained seed-003 network versus the device-to-device spread sigma(a), a ~ N(4, sigma^2) (seed 003 Fig. 4).",
            "Writes spread.csv and spread.png."})
public final class SpreadStudyCommand implements Callable<Integer> {

    @Option(names = "--task", defaultValue = "spiral", description = "spiral (the seed's Fig. 4) or digits (default: ${DEFAULT-VALUE})",
            converter = SeedOptions.TaskConverter.class)
    SeedTask task;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the trained network, split and draws (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--draws", defaultValue = "2000", description = "device draws per sigma (default: ${DEFAULT-VALUE}; the seed: 10000)")
    int draws;

    @Option(names = "--max-sigma", defaultValue = "1.0", description = "largest sigma (default: ${DEFAULT-VALUE})")
    double maxSigma;

    @Option(names = "--sigma-step", defaultValue = "0.05", description = "sigma spacing (default: ${DEFAULT-VALUE})")
    double sigmaStep;

    @Option(names = "--epochs", description = "training epochs (default 300 spiral, 40 digits)")
    Integer epochs;

    @Option(names = "--out", description = "output directory (default runs/seeds/spread-<task>)")
    Path out;

    @Override
    public Integer call() {
        OptionChecks.samples("--draws", draws);
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
        Path dir = ResultFiles.directory(out != null ? out : Path.of("runs", "seeds", "spread-" + task));
        LabelledData.Split split = task.load(1).split(0.8, seed);
        PowerCurveNetwork net = new PowerCurveNetwork(task == SeedTask.SPIRAL
                ? PowerCurveNetworkConfig.spiral(32, 5) : PowerCurveNetworkConfig.digits(2), seed);
        int n = epochs != null ? epochs : (task == SeedTask.SPIRAL ? 300 : 40);
        PowerCurveTrainer.train(net, split.train(), split.test(), task == SeedTask.SPIRAL
                ? new PowerCurveTrainer.Options(n, 32, 0.01, 100, 1.0, seed)
                : new PowerCurveTrainer.Options(n, 32, 0.003, 10, 1.0, seed), null);
        PowerCurveArray identical = net.seedDevices();
        double nominal = net.accuracy(split.test(), identical);
        System.out.printf(Locale.ROOT, "trained on identical devices: test accuracy %.2f %%%n", 100 * nominal);
        int points = (int) sigmaCount;
        double[] sigmas = new double[points];
        double[] mean = new double[points];
        double[] p05 = new double[points];
        double[] p95 = new double[points];
        StringBuilder csv = new StringBuilder("sigma,draws,mean_accuracy,std_accuracy,p05_accuracy,median_accuracy,p95_accuracy,min_accuracy\n");
        Random rng = new Random(seed * 7919 + 17);
        for (int i = 0; i < points; i++) {
            double sigma = i * sigmaStep;
            double[] acc = new double[draws];
            for (int d = 0; d < draws; d++) {
                acc[d] = net.accuracy(split.test(), identical.withSpreadInA(sigma, rng));
            }
            java.util.Arrays.sort(acc);
            double m = java.util.Arrays.stream(acc).average().orElse(0);
            double var = 0;
            for (double a : acc) {
                var += (a - m) * (a - m) / Math.max(1, draws - 1);
            }
            sigmas[i] = sigma;
            mean[i] = m;
            p05[i] = acc[(int) Math.floor(0.05 * (draws - 1))];
            p95[i] = acc[(int) Math.ceil(0.95 * (draws - 1))];
            csv.append(String.format(Locale.ROOT, "%.4f,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f%n", sigma, draws, m, Math.sqrt(var),
                    p05[i], ResultFiles.median(acc), p95[i], acc[0]));
            System.out.printf(Locale.ROOT, "sigma(a) = %.2f: mean accuracy %.2f %% (5th percentile %.2f %%)%n", sigma, 100 * m,
                    100 * p05[i]);
            ResultFiles.writeText(dir.resolve("spread.csv"), csv.toString());
        }
        XYChart chart = new XYChartBuilder().width(720).height(480)
                .title("seed 003 Fig. 4 on " + task + ": accuracy vs device spread, " + draws + " draws per sigma")
                .xAxisTitle("sigma(a), a ~ N(4, sigma^2) per device").yAxisTitle("test accuracy").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        XYSeries meanSeries = chart.addSeries("mean", sigmas, mean);
        meanSeries.setMarker(SeriesMarkers.CIRCLE);
        XYSeries lo = chart.addSeries("5th percentile", sigmas, p05);
        lo.setMarker(SeriesMarkers.NONE);
        XYSeries hi = chart.addSeries("95th percentile", sigmas, p95);
        hi.setMarker(SeriesMarkers.NONE);
        ResultFiles.writePng(dir.resolve("spread.png"), List.of(chart), 1, 1);
        System.out.println("files in " + dir);
        return 0;
    }
}
