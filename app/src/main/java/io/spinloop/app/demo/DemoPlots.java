package io.spinloop.app.demo;

import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.measurements.AtomicFile;
import io.spinloop.measurements.Sweep;
import io.spinloop.training.chip.ChipTraining;
import io.spinloop.training.chip.TwinNeurons;
import io.spinloop.training.chip.TwinTraining;
import io.spinloop.twin.neuron.NeuronTwin;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /**
     * Measured calibration readings (every repeat of every sequence) against the twin the network runs on: its
     * noiseless response and the mean ± 1 sd of 200 noisy draws per drive.
     */
    static void twinVersusMeasurement(Path file, List<DeviceCalibration.Result> cals, List<NeuronTwin> twins) {
        XYChart c = new XYChartBuilder().width(900).height(480)
                .title("Neuron response: zero-span readings vs twin (" + twins.get(0).kind() + ", mean ± 1 sd)")
                .xAxisTitle("drive current (mA)").yAxisTitle("activation (reading above floor / span)").build();
        for (int d = 0; d < cals.size(); d++) {
            DeviceCalibration.Result r = cals.get(d);
            NeuronTwin t = twins.get(d);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int s = 0; s < r.drivesA().length; s++) {
                for (double[] rep : r.readingsDbm()[s]) {
                    for (int k = 0; k < rep.length; k++) {
                        x.add(r.drivesA()[s][k] * 1e3);
                        y.add(t.scale().activation(rep[k]));
                    }
                }
            }
            XYSeries m = c.addSeries(r.device() + " measured", x, y);
            m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            m.setMarker(SeriesMarkers.CIRCLE);
            int n = 80;
            int draws = 200;
            double[] xs = new double[n];
            double[] u = new double[n * draws];
            for (int k = 0; k < n; k++) {
                double i = t.lowA() + (t.highA() - t.lowA()) * k / (n - 1);
                xs[k] = i * 1e3;
                for (int j = 0; j < draws; j++) {
                    u[k * draws + j] = i;
                }
            }
            double[] det = TwinNeurons.readings(t, java.util.Arrays.copyOfRange(u, 0, n * draws), null);
            double[] noisy = TwinNeurons.readings(t, u, new java.util.SplittableRandom(7));
            double[] mean = new double[n];
            double[] up = new double[n];
            double[] lo = new double[n];
            double[] clean = new double[n];
            for (int k = 0; k < n; k++) {
                double sum = 0;
                double sum2 = 0;
                for (int j = 0; j < draws; j++) {
                    double v = noisy[k * draws + j];
                    sum += v;
                    sum2 += v * v;
                }
                mean[k] = sum / draws;
                double sd = Math.sqrt(Math.max(0, sum2 / draws - mean[k] * mean[k]));
                up[k] = mean[k] + sd;
                lo[k] = mean[k] - sd;
                clean[k] = det[k * draws];
            }
            c.addSeries(r.device() + " twin (noiseless)", xs, clean).setMarker(SeriesMarkers.NONE);
            XYSeries hiBand = c.addSeries(r.device() + " twin mean ± sd", xs, up);
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
        bars(file, "Mackey-Glass 5-step forecast: test MSE (lower is better)", "MSE", mse);
    }

    /** One bar per stage or baseline. */
    static void bars(Path file, String title, String yAxis, Map<String, Double> values) {
        CategoryChart c = new CategoryChartBuilder().width(900).height(420).title(title).yAxisTitle(yAxis).build();
        c.addSeries(yAxis, List.copyOf(values.keySet()), List.copyOf(values.values()));
        c.getStyler().setXAxisLabelRotation(20);
        c.getStyler().setLegendVisible(false);
        save(c, file);
    }

    private static void save(Chart<?, ?> chart, Path file) {
        try {
            AtomicFile.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file, e);
        }
    }
}
