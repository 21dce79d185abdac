package io.spinloop.app.train;

import io.spinloop.measurements.AtomicFile;
import io.spinloop.training.run.EpochMetrics;
import io.spinloop.training.run.RunDirectory;
import io.spinloop.training.run.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** learning-curves.png of a run directory: train/test accuracy and loss per epoch. */
final class LearningCurvePlot {
    static final String FILE = "learning-curves.png";

    private LearningCurvePlot() {
    }

    static void write(Path dir, List<EpochMetrics> history, TrainingConfig config) {
        if (history.isEmpty()) {
            return;
        }
        double[] epoch = history.stream().mapToDouble(m -> m.epoch() + 1).toArray();
        XYChart acc = new XYChartBuilder().width(900).height(420)
                .title("Sequential digits, " + config.model().name().toLowerCase() + " network (seed " + config.seed() + ")")
                .xAxisTitle("epoch").yAxisTitle("accuracy (%) / loss x 10").build();
        acc.addSeries("train accuracy", epoch, history.stream().mapToDouble(m -> 100 * m.trainAccuracy()).toArray())
                .setMarker(SeriesMarkers.NONE);
        acc.addSeries("test accuracy", epoch, history.stream().mapToDouble(m -> 100 * m.testAccuracy()).toArray())
                .setMarker(SeriesMarkers.NONE);
        acc.addSeries("train loss x 10", epoch, history.stream().mapToDouble(m -> 10 * m.trainLoss()).toArray())
                .setMarker(SeriesMarkers.NONE);
        acc.addSeries("test loss x 10", epoch, history.stream().mapToDouble(m -> 10 * m.testLoss()).toArray())
                .setMarker(SeriesMarkers.NONE);
        acc.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        savePng(acc, dir.resolve(FILE));
    }

    /** After a failure: plot whatever metrics.json holds, never masking the original error. */
    static void writeQuietly(Path dir, TrainingConfig config, PrintWriter err) {
        try {
            List<EpochMetrics> h = RunDirectory.readHistory(dir);
            if (!h.isEmpty()) {
                write(dir, h, config);
            }
        } catch (RuntimeException e) {
            err.println("(no learning-curve plot: " + e.getMessage() + ")");
        }
    }

    /** Saves a chart as PNG through a temporary file, so a failed write leaves no half file. */
    static void savePng(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
        try {
            AtomicFile.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file, e);
        }
    }
}
