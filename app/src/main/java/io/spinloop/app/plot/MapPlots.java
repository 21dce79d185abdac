package io.spinloop.app.plot;

import io.spinloop.lab.map.ThresholdLine;
import io.spinloop.measurements.AtomicFile;
import io.spinloop.measurements.SpectrumMap;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plots of a 2-D map: line frequency, power and linewidth as colour maps over (current, slow axis), and the
 * threshold line I_th(slow axis). Grid points not measured (a partial map) are left blank.
 */
final class MapPlots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;

    private MapPlots() {
    }

    static List<Path> write(SpectrumMap m, Path dir) throws IOException {
        String tag = "map" + m.index() + "-" + m.deviceId();
        List<Path> written = new ArrayList<>();
        written.add(save(colourMap(m, "Line frequency f (GHz)", k -> m.peakFrequencyHz()[k] / 1e9),
                dir.resolve(tag + "-frequency.png")));
        written.add(save(colourMap(m, "Line power p (nW)", k -> m.powerW()[k] * 1e9), dir.resolve(tag + "-power.png")));
        written.add(save(colourMap(m, "Linewidth FWHM (MHz)", k -> m.linewidthHz()[k] / 1e6),
                dir.resolve(tag + "-linewidth.png")));
        written.add(save(threshold(m), dir.resolve(tag + "-threshold.png")));
        return written;
    }

    static HeatMapChart colourMap(SpectrumMap m, String what, IntToDoubleFunction value) {
        List<Number> x = new ArrayList<>();
        for (double i : m.grid().x()) {
            x.add(Math.round(i * 1e6) / 1e3); // mA, 3 decimals
        }
        List<Number> y = new ArrayList<>();
        for (double v : m.grid().y()) {
            y.add(v);
        }
        List<Number[]> heat = new ArrayList<>();
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int k = 0; k < m.points(); k++) {
            double v = value.applyAsDouble(k);
            if (Double.isFinite(v)) {
                heat.add(new Number[] {m.ix()[k], m.iy()[k], v});
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT)
                .title(what + " of " + m.deviceId() + " (blank: no line or not measured)")
                .xAxisTitle("current (mA)").yAxisTitle(m.grid().yName() + " (" + m.grid().yUnit() + ")").build();
        chart.getStyler().setShowValue(false);
        if (heat.isEmpty()) {
            heat.add(new Number[] {0, 0, 0});
            lo = 0;
            hi = 1;
        }
        chart.getStyler().setMin(lo);
        chart.getStyler().setMax(hi > lo ? hi : lo + 1);
        chart.getStyler().setRangeColors(new Color[] {new Color(10, 10, 40), new Color(40, 60, 160),
            new Color(220, 60, 60), new Color(255, 230, 80)});
        chart.getStyler().setAxisTickLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 8));
        chart.addSeries(what, x, y, heat);
        return chart;
    }

    static XYChart threshold(SpectrumMap m) {
        ThresholdLine line = ThresholdLine.of(m);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format(Locale.ROOT, "Threshold current I_th(%s) of %s (p(I) fit per row)",
                        m.grid().yName(), m.deviceId()))
                .xAxisTitle(m.grid().yName() + " (" + m.grid().yUnit() + ")").yAxisTitle("I_th (mA)").build();
        List<Double> ys = new ArrayList<>();
        List<Double> th = new ArrayList<>();
        for (int i = 0; i < line.y().length; i++) {
            if (Double.isFinite(line.thresholdA()[i])) {
                ys.add(line.y()[i]);
                th.add(line.thresholdA()[i] * 1e3);
            }
        }
        if (ys.isEmpty()) {
            ys.add(line.y()[0]);
            th.add(0.0);
        }
        XYSeries s = chart.addSeries("I_th", ys, th);
        s.setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }

    private static Path save(Chart<?, ?> chart, Path png) throws IOException {
        AtomicFile.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        return png;
    }
}
