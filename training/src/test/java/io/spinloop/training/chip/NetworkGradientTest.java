package io.spinloop.training.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.training.mackeyglass.ForecastTask;
import io.spinloop.twin.neuron.ReadingScale;
import io.spinloop.twin.neuron.ResponseTwin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written BPTT and the twin's derivative against central finite differences. */
class NetworkGradientTest {

    static ResponseTwin twin(String id, double shift) {
        double[] m = new double[9];
        double[] s = new double[9];
        for (int k = 0; k < 9; k++) {
            double x = k / 8.0;
            m[k] = x * x + shift + 0.1 * Math.sin(5 * x);
            s[k] = 0.02 + 0.03 * x;
        }
        return new ResponseTwin(id, 1.7e-3, 2.5e-3, m, s, new ReadingScale(-75, 20));
    }

    @Test
    void twinSlopeMatchesFiniteDifferencesWithAndWithoutNoise() {
        ResponseTwin t = twin("d", 0);
        double[] u = {1.73e-3, 1.95e-3, 2.21e-3, 2.49e-3};
        double[][] det = TwinNeurons.respond(t, u, null, new io.spinloop.autodiff.Tape());
        for (int i = 0; i < u.length; i++) {
            double h = 1e-9;
            double fd = (t.meanAt(u[i] + h) - t.meanAt(u[i] - h)) / (2 * h);
            assertEquals(fd, det[1][i], 1e-6 * Math.abs(fd) + 1e-3);
            assertEquals(t.meanAt(u[i]), det[0][i], 1e-12);
        }
        // noisy: y = m(u) + s(u) xi; same xi on both sides of the difference
        double[][] a = TwinNeurons.respond(t, u, new java.util.SplittableRandom(3), new io.spinloop.autodiff.Tape());
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < u.length; i++) {
            double xi = r.nextGaussian();
            double h = 1e-9;
            double fd = (t.meanAt(u[i] + h) + t.noiseAt(u[i] + h) * xi - t.meanAt(u[i] - h) - t.noiseAt(u[i] - h) * xi)
                    / (2 * h);
            assertEquals(fd, a[1][i], 1e-6 * Math.abs(fd) + 1e-3);
        }
    }

    @Test
    void bpttGradientMatchesFiniteDifferences() {
        for (boolean recurrent : new boolean[] {false, true}) {
            List<ResponseTwin> twins = List.of(twin("a", 0), twin("b", 0.1));
            DriveMap map = DriveMap.of(twins);
            QuasiStaticNetwork net = new QuasiStaticNetwork(map, 3.0);
            NetworkWeights w = NetworkWeights.random(5, 3, recurrent, 1.6, 0.8, 11);
            w.setReadout(new double[] {0.5, -0.3, 0.8, 0.1, -0.6}, 0.2);
            ForecastTask task = ForecastTask.mackeyGlass(3, 1, 6, 3, 3.0, 5).train();
            TwinNeurons bank = new TwinNeurons(twins, map, false, 0);
            QuasiStaticNetwork.Trace tr = net.forward(w, task, bank, false);
            double[] g = net.gradient(w, task, tr);
            double[] v = w.flat();
            int checked = 0;
            for (int i = 0; i < v.length; i++) {
                if (!recurrent && i >= 5 * 3 && i < 5 * 3 + 25) {
                    assertEquals(0.0, g[i], "no gradient into absent recurrent weights");
                    continue;
                }
                double fd = WeightDifferences.central(w, v, i, 1e-6,
                        () -> net.loss(net.forward(w, task, bank, false), task.targets()));
                assertEquals(fd, g[i], 1e-5 + 1e-3 * Math.abs(fd), "weight " + i + " recurrent=" + recurrent);
                checked++;
            }
            assertTrue(checked > 20);
        }
    }

    @Test
    void twinFitRecoversAKnownCurveAndNoise() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int n = 4000;
        double[] u = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = 1.7e-3 + 0.8e-3 * r.nextDouble();
            double x = (u[i] - 1.7e-3) / 0.8e-3;
            y[i] = x * x + 0.05 * r.nextGaussian();
        }
        ResponseTwin t = ResponseTwin.fit("d", u, y, 1.7e-3, 2.5e-3, 12, 0.001, new ReadingScale(-75, 20));
        for (double x = 0.1; x < 0.95; x += 0.1) {
            double i = 1.7e-3 + 0.8e-3 * x;
            // mean of ~330 samples per knot cell: standard error about 0.05/sqrt(330) = 0.003
            assertEquals(x * x, t.meanAt(i), 0.02, "mean at x=" + x);
            assertEquals(0.05, t.noiseAt(i), 0.01, "noise at x=" + x);
        }
    }
}
