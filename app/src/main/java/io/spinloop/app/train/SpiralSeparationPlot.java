package io.spinloop.app.train;

import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.powercurve.PowerCurveNetwork;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Seed 003 Fig. 3: the spiral, then the final powers p(T) of its points at several epochs, becoming
 * linearly separable. With two STNOs p(T) is plotted as is; with more, it is projected on the readout's
 * discriminant direction (horizontal: the logit difference, whose sign is the predicted class, so a
 * linear separation shows as the vertical line at 0) and on the direction of largest remaining spread.
 */
final class SpiralSeparationPlot {
    private final List<XYChart> charts = new ArrayList<>();

    SpiralSeparationPlot(SequenceDataset spiral) {
        double[][] x = new double[2][];
        double[][] y = new double[2][];
        split(spiral, spiral.sequences(), 0, 1, x, y);
        charts.add(chart("(a) spiral, test points", "x", "y", x, y));
    }

    /** Adds a panel with the final powers of {@code data} under {@code network} as it is now. */
    void addSnapshot(String title, SequenceDataset data, PowerCurveNetwork network) {
        Tape tape = new Tape();
        Tensor p = network.finalPowers(tape, network.initialPowers(data.sequences(), 0, data.size()), network.seedDevices());
        int k = p.cols();
        double[][] coords = new double[data.size()][];
        String xLabel;
        String yLabel;
        if (k == 2) {
            for (int r = 0; r < data.size(); r++) {
                coords[r] = new double[] {p.get(r, 0), p.get(r, 1)};
            }
            xLabel = "p1(T)";
            yLabel = "p2(T)";
        } else {
            double[] w = network.readoutWeights();
            double[] bias = network.readoutBias();
            double[] d = new double[k];
            for (int j = 0; j < k; j++) {
                d[j] = w[j * 2 + 1] - w[j * 2];
            }
            double[] second = principalDirectionOrthogonalTo(p, d);
            for (int r = 0; r < data.size(); r++) {
                double u = bias[1] - bias[0];
                double v = 0;
                for (int j = 0; j < k; j++) {
                    u += d[j] * p.get(r, j);
                    v += second[j] * p.get(r, j);
                }
                coords[r] = new double[] {u, v};
            }
            xLabel = "logit difference (readout direction)";
            yLabel = "largest other component of p(T)";
        }
        double[][] xs = new double[2][];
        double[][] ys = new double[2][];
        split(data, coords, 0, 1, xs, ys);
        charts.add(chart(title, xLabel, yLabel, xs, ys));
    }

    List<XYChart> charts() {
        return charts;
    }

    private static void split(SequenceDataset data, double[][] coords, int cx, int cy, double[][] xs, double[][] ys) {
        for (int c = 0; c < 2; c++) {
            int n = 0;
            for (int l : data.labels()) {
                n += l == c ? 1 : 0;
            }
            xs[c] = new double[n];
            ys[c] = new double[n];
            int i = 0;
            for (int r = 0; r < data.size(); r++) {
                if (data.labels()[r] == c) {
                    xs[c][i] = coords[r][cx];
                    ys[c][i] = coords[r][cy];
                    i++;
                }
            }
        }
    }

    private static XYChart chart(String title, String xLabel, String yLabel, double[][] xs, double[][] ys) {
        XYChart chart = new XYChartBuilder().width(480).height(440).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        Color[] colors = {new Color(31, 119, 180), new Color(214, 39, 40)};
        for (int c = 0; c < 2; c++) {
            XYSeries s = chart.addSeries("class " + c, xs[c], ys[c]);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(colors[c]);
        }
        return chart;
    }

    /** The unit direction of largest variance of the rows of p after removing their component along d. */
    private static double[] principalDirectionOrthogonalTo(Tensor p, double[] d) {
        int k = p.cols();
        int rows = p.rows();
        double dn = 0;
        for (double v : d) {
            dn += v * v;
        }
        dn = Math.sqrt(dn);
        double[] e = new double[k];
        for (int j = 0; j < k; j++) {
            e[j] = dn > 0 ? d[j] / dn : 0;
        }
        double[][] q = new double[rows][k];
        double[] mean = new double[k];
        for (int r = 0; r < rows; r++) {
            double dot = 0;
            for (int j = 0; j < k; j++) {
                dot += p.get(r, j) * e[j];
            }
            for (int j = 0; j < k; j++) {
                q[r][j] = p.get(r, j) - dot * e[j];
                mean[j] += q[r][j] / rows;
            }
        }
        double[] v = new double[k];
        java.util.Arrays.fill(v, 1 / Math.sqrt(k));
        for (int it = 0; it < 200; it++) {
            double[] next = new double[k];
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += (q[r][j] - mean[j]) * v[j];
                }
                for (int j = 0; j < k; j++) {
                    next[j] += s * (q[r][j] - mean[j]);
                }
            }
            double norm = 0;
            for (double x : next) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (!(norm > 0)) {
                break;
            }
            for (int j = 0; j < k; j++) {
                v[j] = next[j] / norm;
            }
        }
        return v;
    }
}
