package io.spinloop.app.plot;

import io.spinloop.measurements.AtomicFile;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.SequenceSet;
import io.spinloop.measurements.Sweep;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG plots a physicist looks at after a run: for each sweep the spectra map versus current, p(I),
 * f(I) and linewidth(I); for the sequences, the drive and the repeated power traces of a few sequences.
 */
public final class RunPlots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;
    /** Frequency columns of the spectra map: enough to see the line, few enough to draw fast. */
    private static final int MAP_COLUMNS = 250;
    private static final int SEQUENCES_SHOWN = 3;

    private RunPlots() {
    }

    /** Writes every plot of {@code file} into {@code dir} and returns the files written. */
    public static List<Path> write(MeasurementFile file, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (Sweep s : file.sweeps()) {
            if (s.points() == 0) {
                continue;
            }
            String tag = "sweep" + s.index() + "-" + s.deviceId();
            written.add(save(spectraMap(s), dir.resolve(tag + "-spectra.png")));
            written.add(save(powerCurve(s), dir.resolve(tag + "-power.png")));
            written.add(save(frequencyCurve(s), dir.resolve(tag + "-frequency.png")));
            written.add(save(linewidthCurve(s), dir.resolve(tag + "-linewidth.png")));
        }
        for (io.spinloop.measurements.SpectrumMap m : file.maps()) {
            if (m.points() > 0) {
                written.addAll(MapPlots.write(m, dir));
            }
        }
        if (file.sequences().isPresent()) {
            SequenceSet q = file.sequences().get();
            for (int k = 0; k < Math.min(SEQUENCES_SHOWN, q.sequences()); k++) {
                written.add(save(sequence(q, k), dir.resolve("sequence" + q.sequenceIndex()[k] + "-" + q.deviceId() + ".png")));
            }
        }
        return written;
    }

    private static Path save(Chart<?, ?> chart, Path png) throws IOException {
        AtomicFile.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        return png;
    }

    static HeatMapChart spectraMap(Sweep s) {
        int m = s.frequencyHz().length;
        int cols = Math.min(MAP_COLUMNS, m);
        int perCol = (m + cols - 1) / cols;
        cols = (m + perCol - 1) / perCol;
        List<Number> x = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            x.add(round(s.frequencyHz()[Math.min(m - 1, c * perCol + perCol / 2)] / 1e9, 3));
        }
        List<Number> y = new ArrayList<>();
        for (double i : s.currentA()) {
            y.add(round(i * 1e3, 3));
        }
        List<Number[]> heat = new ArrayList<>();
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int r = 0; r < s.points(); r++) {
            for (int c = 0; c < cols; c++) {
                // The largest bin of each column, so a narrow line is not averaged away.
                double v = -Double.MAX_VALUE;
                for (int j = c * perCol; j < Math.min(m, (c + 1) * perCol); j++) {
                    v = Math.max(v, s.spectrumDbm()[r][j]);
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                heat.add(new Number[] {c, r, v});
            }
        }
        // A heat map labels every column; the axis title gives the frequency range instead.
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Spectra of " + s.deviceId() + " versus drive current (dBm)")
                .xAxisTitle(String.format(java.util.Locale.ROOT, "frequency, %.3f GHz (left) to %.3f GHz (right)",
                        s.frequencyHz()[0] / 1e9, s.frequencyHz()[m - 1] / 1e9))
                .yAxisTitle("current (mA)").build();
        chart.getStyler().setXAxisTicksVisible(false);
        chart.getStyler().setShowValue(false);
        chart.getStyler().setMin(lo);
        chart.getStyler().setMax(hi);
        chart.getStyler().setRangeColors(new Color[] {new Color(10, 10, 40), new Color(40, 60, 160),
            new Color(220, 60, 60), new Color(255, 230, 80)});
        chart.getStyler().setPlotContentSize(0.95);
        chart.getStyler().setAxisTickLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 8));
        chart.addSeries("spectrum", x, y, heat);
        return chart;
    }

    static XYChart powerCurve(Sweep s) {
        XYChart chart = curve("Emitted power p(I) of " + s.deviceId(), "current (mA)", "power (nW)");
        double[] nw = new double[s.points()];
        for (int i = 0; i < nw.length; i++) {
            nw[i] = s.powerW()[i] * 1e9;
        }
        addPoints(chart, "integrated line power", scaled(s.currentA(), 1e3), nw);
        return chart;
    }

    static XYChart frequencyCurve(Sweep s) {
        XYChart chart = curve("Line frequency f(I) of " + s.deviceId(), "current (mA)", "frequency (GHz)");
        addPoints(chart, "fitted line center", scaled(s.currentA(), 1e3), scaled(s.peakFrequencyHz(), 1e-9));
        return chart;
    }

    static XYChart linewidthCurve(Sweep s) {
        XYChart chart = curve("Linewidth of " + s.deviceId(), "current (mA)", "linewidth FWHM (MHz)");
        chart.getStyler().setYAxisLogarithmic(true);
        addPoints(chart, "fitted Lorentzian FWHM", scaled(s.currentA(), 1e3), scaled(s.linewidthHz(), 1e-6));
        return chart;
    }

    static XYChart sequence(SequenceSet q, int k) {
        XYChart chart = curve("Sequence " + q.sequenceIndex()[k] + " of " + q.deviceId() + ": " + q.repeats()
                + " repeats", "time (ms)", "power (nW)");
        double[] t = scaled(q.timeS(), 1e3);
        for (int r = 0; r < q.repeats(); r++) {
            XYSeries series = chart.addSeries("repeat " + (r + 1), t, scaled(q.powerW()[k][r], 1e9));
            series.setMarker(SeriesMarkers.NONE);
        }
        XYSeries drive = chart.addSeries("drive (mA)", t, scaled(q.driveA()[k], 1e3));
        drive.setMarker(SeriesMarkers.NONE);
        drive.setLineColor(Color.BLACK);
        drive.setYAxisGroup(1);
        chart.setYAxisGroupTitle(1, "drive current (mA)");
        return chart;
    }

    private static XYChart curve(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y)
                .build();
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    /** Adds the finite points (a fit that found no line leaves NaN, which is not drawn). */
    private static void addPoints(XYChart chart, String name, double[] x, double[] y) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i]) && (!chart.getStyler().isYAxisLogarithmic() || y[i] > 0)) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            xs.add(x.length > 0 ? x[0] : 0.0);
            ys.add(chart.getStyler().isYAxisLogarithmic() ? 1.0 : 0.0);
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.CIRCLE);
    }

    private static double[] scaled(double[] v, double k) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * k;
        }
        return out;
    }

    private static double round(double v, int decimals) {
        double p = Math.pow(10, decimals);
        return Math.round(v * p) / p;
    }
}
