package io.spinloop.app.train;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.training.macrospin.CouplingTable;
import io.spinloop.training.macrospin.TrainedParts;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import io.spinloop.training.engine.StudyEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spinloop study coupling-table}, seed 002 Table II on the 8x8 digits: the six training configurations at each
 * coupling magnitude ({@link CouplingTable}), next to the seed's MNIST accuracies (different data: MNIST is not
 * available offline). Each cell and seed is a run on the engine ({@code --engine local|spark}); the runs go into
 * cells.csv as they end, and a table started again reads them back.
 */
@Command(name = "coupling-table", mixinStandardHelpOptions = true,
        description = {"Seed 002's six training configurations of the coupled macrospins x coupling magnitudes on the 8x8 digits (80:20), next to seed 002's MNIST Table II.",
            "Writes table.csv, table.md and table.png."})
public final class CouplingTableCommand implements Callable<Integer> {

    /** Seed 002 Table II: MNIST test accuracy (%), rows (1)-(6), columns CM = 0.1, 1, 10, 100. Different data. */
    static final double[][] SEED_MNIST = {
        {98.380, 98.480, 98.420, 98.490},
        {98.379, 98.320, 98.350, 98.270},
        {97.700, 97.600, 97.660, 97.630},
        {97.470, 97.570, 97.570, 97.540},
        {95.700, 95.700, 95.660, 95.670},
        {95.490, 95.500, 95.490, 95.540}};
    static final double[] SEED_COUPLINGS = {0.1, 1, 10, 100};

    @Option(names = "--couplings", split = ",", defaultValue = "0.1,1,10,100", description = "coupling magnitudes A_cp in Oe (default: ${DEFAULT-VALUE})")
    double[] couplings;

    @Option(names = "--parts", split = ",", defaultValue = "1,2,3,4,5,6", description = "configurations of Table II (default: ${DEFAULT-VALUE})")
    String[] parts;

    @Option(names = "--oscillators", defaultValue = "200", description = "STOs N (default: ${DEFAULT-VALUE}, seed 002's)")
    int oscillators;

    @Option(names = "--epochs", defaultValue = "10", description = "epochs per run (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "minibatch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "first seed of split, weights and coupling matrix (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--seeds", defaultValue = "1", description = "seeds per cell; the table shows their mean (default: ${DEFAULT-VALUE}, seed 002's single trial)")
    int seeds;

    @Option(names = "--out", description = "output directory (default runs/coupling-table)")
    Path out;

    @Option(names = "--parallel", defaultValue = "1", description = "runs at once on the local engine (default: ${DEFAULT-VALUE})")
    int parallel;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        OptionChecks.runs("--seeds", seeds);
        OptionChecks.threads("--parallel", parallel);
        OptionChecks.epochs("--epochs", epochs);
        OptionChecks.samples("--batch", batch);
        OptionChecks.atLeast("--oscillators", oscillators, 1);
        for (double c : couplings) {
            OptionChecks.nonNegative("--couplings", c);
        }
        NetworkSize.check(OptionChecks.given("--oscillators", oscillators), oscillators, batch, 10);
        List<TrainedParts> rows = new ArrayList<>();
        for (String p : parts) {
            rows.add(OptionChecks.parsed(() -> TrainedParts.parse(p)));
        }
        Path dir = ResultFiles.directory(out != null ? out : Path.of("runs", "coupling-table"));
        StringBuilder csv = new StringBuilder(
                "configuration,trained,coupling_Oe,seed,test_accuracy,train_accuracy,mean_field_Oe,field_spread_Oe,current_A,damping,seconds\n");
        CouplingTable table = new CouplingTable(couplings, rows, oscillators, epochs, batch, seed, seeds);
        System.out.printf("%d runs already in cells.csv: read back, not trained again%n", table.done(dir));
        double[][] acc;
        try (StudyEngine e = engine.open()) {
            acc = table.run(e, parallel, dir, run -> {
                TrainedParts tp = run.parts();
                csv.append(String.format(Locale.ROOT, "%d,%s,%s,%d,%.6f,%.6f,%.3f,%.3f,%.6e,%.6e,%.1f%n", tp.seedNumber(),
                        tp.label(), run.coupling(), run.seed(), run.last().testAccuracy(), run.last().trainAccuracy(),
                        run.last().meanField(), run.last().fieldSpread(), run.last().current(), run.last().damping(),
                        run.seconds()));
                ResultFiles.writeText(dir.resolve("table.csv"), csv.toString());
                System.out.printf(Locale.ROOT, "CM = %s, (%d) %-24s seed %d: test %.2f %%  (%.0f s)%n", run.coupling(),
                        tp.seedNumber(), tp.label(), run.seed(), 100 * run.last().testAccuracy(), run.seconds());
            });
            if (!e.report().isEmpty()) {
                System.out.println(e.report());
            }
        }
        String md = markdown(rows, acc);
        ResultFiles.writeText(dir.resolve("table.md"), md);
        System.out.print(md);
        ResultFiles.writePng(dir.resolve("table.png"), List.of(chart(rows, acc)), 1, 1);
        System.out.println("files in " + dir);
        return 0;
    }

    private CategoryChart chart(List<TrainedParts> rows, double[][] acc) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
                .title("seed 002 configurations on the 8x8 digits (N = " + oscillators + ", " + epochs + " epochs, mean of "
                        + seeds + " seed" + (seeds > 1 ? "s" : "") + ")")
                .xAxisTitle("trained parts (seed 002 Table II row)").yAxisTitle("test accuracy (%)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<String> labels = new ArrayList<>();
        for (TrainedParts tp : rows) {
            labels.add("(" + tp.seedNumber() + ") " + tp.label());
        }
        double lo = 100;
        for (int c = 0; c < couplings.length; c++) {
            List<Double> ys = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                ys.add(100 * acc[r][c]);
                lo = Math.min(lo, 100 * acc[r][c]);
            }
            chart.addSeries("CM = " + couplings[c] + " Oe", labels, ys);
        }
        chart.getStyler().setYAxisMin(Math.max(0, Math.floor(lo - 2)));
        chart.getStyler().setYAxisMax(100.0);
        return chart;
    }

    private String markdown(List<TrainedParts> rows, double[][] acc) {
        StringBuilder s = new StringBuilder();
        s.append("| configuration |");
        for (double c : couplings) {
            s.append(" digits CM=").append(c).append(" |");
        }
        for (double c : SEED_COUPLINGS) {
            s.append(" seed MNIST CM=").append(c).append(" |");
        }
        s.append("\n|---|");
        s.append("---:|".repeat(couplings.length + SEED_COUPLINGS.length)).append('\n');
        for (int r = 0; r < rows.size(); r++) {
            TrainedParts tp = rows.get(r);
            s.append("| (").append(tp.seedNumber()).append(") ").append(tp.label()).append(" |");
            for (int c = 0; c < couplings.length; c++) {
                s.append(String.format(Locale.ROOT, " %.2f |", 100 * acc[r][c]));
            }
            for (int c = 0; c < SEED_COUPLINGS.length; c++) {
                s.append(String.format(Locale.ROOT, " %.2f |", SEED_MNIST[tp.seedNumber() - 1][c]));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
