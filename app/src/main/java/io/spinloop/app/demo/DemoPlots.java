package io.spinloop.app.demo;

import io.spinloop.measurements.Sweep;
import io.spinloop.training.chip.ChipTraining;
import io.spinloop.training.chip.DeviceCalibration;
import io.spinloop.training.chip.ResponseTwin;
import io.spinloop.training.chip.TwinTraining;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The demo report's PNG plots, each written through a temporary file so a failed write leaves nothing half done. */
final class DemoPlots {
    private DemoPlots() {
    }

    /** Emitted power and line frequency versus drive current, one series per device. */
    static void deviceCurves(Path file, List<Sweep> sweeps) {
        XYChart p = new XYChartBuilder().width(900).height(420).title("Device curves (swept spectra, line fit)")
                .xAxisTitle("drive current (mA)").yAxisTitle("line power (nW)").build();
        for (Sweep s : sweeps) {
            double[] i = new double[s.points()];
            double[] w = new double[s.points()];
            for (int k = 0; k < s.points(); k++) {
                i[k] = s.currentA()[k] * 1e3;
                w[k] = Double.isFinite(s.powerW()[k]) ? s.powerW()[k] * 1e9 : 0;
            }
            p.addSeries(s.deviceId(), i, w).setMarker(SeriesMarkers.CIRCLE);
        }
        save(p, file);
    }

    /** Measured calibration readings against the twin's mean and ±1 standard deviation, per device. */
    static void twinVersusMeasurement(Path file, List<DeviceCalibration.Result> cals) {
        XYChart c = new XYChartBuilder().width(900).height(480)
                .title("Neuron response: zero-span readings vs twin (mean ± 1 sd)")
                .xAxisTitle("drive current (mA)").yAxisTitle("activation (reading above floor / span)").build();
        for (DeviceCalibration.Result r : cals) {
            ResponseTwin t = r.twin();
            double[] x = new double[r.drivesA().length];
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                x[k] = r.drivesA()[k] * 1e3;
                y[k] = t.scale().activation(r.readingsDbm()[k]);
            }
            XYSeries m = c.addSeries(r.device() + " measured", x, y);
            m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            m.setMarker(SeriesMarkers.CIRCLE);
            int n = 80;
            double[] xs = new double[n];
            double[] mean = new double[n];
            double[] up = new double[n];
            double[] lo = new double[n];
            for (int k = 0; k < n; k++) {
                double i = t.lowA() + (t.highA() - t.lowA()) * k / (n - 1);
                xs[k] = i * 1e3;
                mean[k] = t.meanAt(i);
                up[k] = mean[k] + t.noiseAt(i);
                lo[k] = mean[k] - t.noiseAt(i);
            }
            c.addSeries(r.device() + " twin", xs, mean).setMarker(SeriesMarkers.NONE);
            XYSeries hiBand = c.addSeries(r.device() + " twin ± sd", xs, up);
            hiBand.setMarker(SeriesMarkers.NONE);
            hiBand.setLineColor(Color.GRAY);
            XYSeries loBand = c.addSeries(r.device() + " twin - sd", xs, lo);
            loBand.setMarker(SeriesMarkers.NONE);
            loBand.setLineColor(Color.GRAY);
            loBand.setShowInLegend(false);
        }
        c.getStyler().setMarkerSize(3);
        save(c, file);
    }

    /** Test MSE per epoch: on the twin during off-chip training, then on the chip during fine-tuning. */
    static void learningCurves(Path file, List<TwinTraining.Epoch> twin, List<ChipTraining.Epoch> chip) {
        XYChart c = new XYChartBuilder().width(900).height(420).title("Learning curves (Mackey-Glass test MSE)")
                .xAxisTitle("epoch").yAxisTitle("MSE (normalised series)").build();
        double[] e = twin.stream().mapToDouble(TwinTraining.Epoch::epoch).toArray();
        c.addSeries("noise-aware training: train loss", e, twin.stream().mapToDouble(TwinTraining.Epoch::trainLoss)
                .toArray()).setMarker(SeriesMarkers.NONE);
        c.addSeries("test MSE on the twin", e, twin.stream().mapToDouble(x -> x.test().mse()).toArray())
                .setMarker(SeriesMarkers.NONE);
        if (!chip.isEmpty()) {
            double off = e.length == 0 ? 0 : e[e.length - 1];
            double[] ce = chip.stream().mapToDouble(x -> off + x.epoch()).toArray();
            c.addSeries("chip-in-the-loop: train loss on chip", ce, chip.stream()
                    .mapToDouble(ChipTraining.Epoch::trainLoss).toArray()).setMarker(SeriesMarkers.DIAMOND);
            c.addSeries("test MSE on the chip", ce, chip.stream().mapToDouble(ChipTraining.Epoch::testMse).toArray())
                    .setMarker(SeriesMarkers.DIAMOND);
        }
        c.getStyler().setYAxisLogarithmic(true);
        save(c, file);
    }

    /** Test MSE of each stage and baseline. */
    static void errors(Path file, Map<String, Double> mse) {
        CategoryChart c = new CategoryChartBuilder().width(900).height(420)
                .title("Mackey-Glass 5-step forecast: test MSE (lower is better)").yAxisTitle("MSE").build();
        c.addSeries("test MSE", List.copyOf(mse.keySet()), List.copyOf(mse.values()));
        c.getStyler().setXAxisLabelRotation(20);
        c.getStyler().setLegendVisible(false);
        save(c, file);
    }

    private static void save(Chart<?, ?> chart, Path file) {
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".plot", ".png");
            BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file, e);
        }
    }
}
