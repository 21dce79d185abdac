package io.spinloop.app.twin;

import io.spinloop.measurements.AtomicFile;
import io.spinloop.twin.SequenceData;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The measured fan against the twin's fan for a few held-out drive sequences: one panel per sequence, every
 * measured repeat in grey-blue, every simulated repeat in orange, the drive on a second panel row. A person
 * sees at a glance whether the twin's spread, mean and temporal texture look like the device's.
 */
final class FanPlot {
    private static final int PANEL_WIDTH = 520;
    private static final int PANEL_HEIGHT = 360;

    private FanPlot() {
    }

    /** Writes {@code png} with up to {@code shown} sequences side by side; returns the path written. */
    static Path write(Path png, SequenceData measured, double[][][] simulated, int shown, String title) throws IOException {
        int n = Math.min(shown, measured.sequences());
        List<XYChart> charts = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            charts.add(panel(measured, simulated, s, title));
        }
        for (int s = 0; s < n; s++) {
            charts.add(drivePanel(measured, s));
        }
        // XChart's own file writer adds ".png" to a name without it; the file installed keeps that.
        Path target = Path.of(BitmapEncoder.addFileExtension(png.toString(), BitmapEncoder.BitmapFormat.PNG));
        AtomicFile.write(target, out -> BitmapEncoder.saveBitmap(new ArrayList<>(charts), 2, n, out,
                BitmapEncoder.BitmapFormat.PNG));
        return png;
    }

    private static XYChart panel(SequenceData measured, double[][][] sim, int s, String title) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(title + ", sequence " + s).xAxisTitle("time (ms)").yAxisTitle("power (nW)").build();
        chart.getStyler().setLegendVisible(s == 0);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        double[] t = new double[measured.steps()];
        for (int i = 0; i < t.length; i++) {
            t[i] = measured.timeS()[i] * 1e3;
        }
        Color meas = new Color(40, 80, 170, 110);
        Color twin = new Color(235, 120, 20, 110);
        for (int r = 0; r < measured.repeats(); r++) {
            XYSeries series = chart.addSeries(r == 0 ? "measured" : "m" + r, t, nano(measured.powerW()[s][r]));
            style(series, meas, r == 0);
        }
        for (int r = 0; r < sim[s].length; r++) {
            XYSeries series = chart.addSeries(r == 0 ? "twin" : "t" + r, t, nano(sim[s][r]));
            style(series, twin, r == 0);
        }
        return chart;
    }

    private static void style(XYSeries series, Color c, boolean inLegend) {
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(c);
        series.setLineStyle(new BasicStroke(1.2f));
        series.setShowInLegend(inLegend);
    }

    private static XYChart drivePanel(SequenceData measured, int s) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT / 2)
                .title("drive, sequence " + s).xAxisTitle("time (ms)").yAxisTitle("current (mA)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        double[] t = new double[measured.steps()];
        double[] ma = new double[measured.steps()];
        for (int i = 0; i < t.length; i++) {
            t[i] = measured.timeS()[i] * 1e3;
            ma[i] = measured.driveA()[s][i] * 1e3;
        }
        XYSeries series = chart.addSeries("drive", t, ma);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(Color.DARK_GRAY);
        return chart;
    }

    private static double[] nano(double[] w) {
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] * 1e9;
        }
        return out;
    }
}
