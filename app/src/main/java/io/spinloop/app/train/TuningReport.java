package io.spinloop.app.train;

import io.spinloop.training.run.TrainingConfig;
import io.spinloop.training.tune.Dimension;
import io.spinloop.training.tune.Trial;
import io.spinloop.training.tune.TuningStudy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * What {@code spinloop tune} leaves behind: trials.csv (every trial, best first), best.txt (the winning options as
 * train options), tune.png (validation accuracy per trial), and the ten best trials printed.
 */
final class TuningReport {
    private TuningReport() {
    }

    /** Writes the files into {@code out}, prints the ranking to {@code o}; returns the best trial's options. */
    static String write(Path out, TrainingConfig base, List<Dimension> dims, List<Trial> all, PrintWriter o) {
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
                o.printf(Locale.ROOT, "%4d %5d %-9s %6.2f %%  %s%n", rank, t.number(), t.state(), 100 * t.value(),
                        TuneCommand.format(t));
            }
        }
        StudyCommand.writeText(out.resolve("trials.csv"), csv.toString());
        Trial best = sorted.get(0);
        String cmd = options(base, best);
        StudyCommand.writeText(out.resolve("best.txt"), String.format(Locale.ROOT,
                "# best of %d trials: validation accuracy %.4f (trial %d, %d epochs)%n%s%n", all.size(), best.value(),
                best.number(), best.intermediate().size(), cmd));
        LearningCurvePlot.savePng(chart(base, all), out.resolve("tune.png"));
        return cmd;
    }

    /** The train options of {@code best}. */
    private static String options(TrainingConfig base, Trial best) {
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
        return cmd.toString();
    }

    private static XYChart chart(TrainingConfig base, List<Trial> all) {
        XYChart chart = new XYChartBuilder().width(800).height(450).title("Tuning " + base.model().name().toLowerCase(Locale.ROOT))
                .xAxisTitle("trial").yAxisTitle("validation accuracy (%)").build();
        for (Trial.State s : new Trial.State[] {Trial.State.COMPLETE, Trial.State.PRUNED}) {
            List<Trial> ts = all.stream().filter(t -> t.state() == s && !Double.isNaN(t.value())).toList();
            if (!ts.isEmpty()) {
                chart.addSeries(s.name().toLowerCase(Locale.ROOT), ts.stream().mapToDouble(Trial::number).toArray(),
                        ts.stream().mapToDouble(t -> 100 * t.value()).toArray()).setLineStyle(SeriesLines.NONE);
            }
        }
        return chart;
    }
}
