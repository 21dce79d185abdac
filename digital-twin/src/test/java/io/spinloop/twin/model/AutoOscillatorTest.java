package io.spinloop.twin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.autodiff.GradientCheck;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.ReduceOps;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.Rollout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoOscillatorTest {

    private static List<Tensor> parameterValues(AutoOscillator m) {
        List<Tensor> ts = new ArrayList<>();
        for (Parameter p : m.parameters().list()) {
            ts.add(p.value());
        }
        return ts;
    }

    @Test
    void stepGradientsMatchFiniteDifferencesInBothRegimes() {
        AutoOscillator m = new AutoOscillator(AutoOscillator.defaults());
        // Below and above threshold, near and far from it; dt short (dynamics) and long (quasi-static).
        for (double dt : new double[] {2e-9, 3e-8}) {
            Tensor x = Tensor.variable(5, 1, 0.01, 0.2, 0.35, 0.5, 0.05);
            Tensor u = Tensor.variable(5, 1, 0.5e-3, 1.5e-3, 2e-3, 2.6e-3, 1.05e-3);
            Tensor xi = Tensor.variable(5, 1, 0.3, -0.4, 1.1, -0.2, 0.1);
            List<Tensor> inputs = new ArrayList<>(List.of(x, u, xi));
            inputs.addAll(parameterValues(m));
            GradientCheck.of(tape -> ReduceOps.sum(tape, m.observe(tape, m.step(tape, x, u, dt, xi), u)), inputs)
                    .assertWithin(1e-5);
        }
    }

    @Test
    void longStepsLandOnTheStationaryPowerCurve() {
        AutoOscillator m = new AutoOscillator(AutoOscillator.defaults());
        double[] currents = {0.5e-3, 1.5e-3, 2e-3, 3e-3};
        double[][] drive = new double[currents.length][];
        for (int i = 0; i < currents.length; i++) {
            drive[i] = new double[] {currents[i], currents[i]};
        }
        double[][] y = Rollout.simulate(m, drive, 1e-3, 1, new long[] {0, 1, 2, 3}, false);
        for (int i = 0; i < currents.length; i++) {
            double r = currents[i] / 1e-3;
            double p0 = r > 1 ? (r - 1) / (r + 0.5) : 0;
            // The Itô drift 2D adds D/a ~ 1e-3 to p: within 1e-3 relative of the stationary curve.
            assertEquals(0.0625 * currents[i] * currents[i] * p0, y[i][1], 2e-3 * 0.0625 * currents[i] * currents[i], "I=" + currents[i]);
        }
    }

    @Test
    void quasiStaticSpreadMatchesTheLinearisedStationaryVariance() {
        AutoOscillator m = new AutoOscillator(AutoOscillator.defaults());
        int n = 4000;
        double[][] drive = new double[n][];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            drive[i] = new double[] {2e-3, 2e-3, 2e-3};
            ids[i] = i;
        }
        double[][] y = Rollout.simulate(m, drive, 1e-3, 7, ids, true);
        double mean = 0;
        double sq = 0;
        for (double[] row : y) {
            mean += row[2] / n;
        }
        for (double[] row : y) {
            sq += (row[2] - mean) * (row[2] - mean) / (n - 1);
        }
        // stationary p0 = 0.4, lambda = 2a = 2e8, variance 4 D (p0 + eps) / (2 lambda) ~ D / b
        double varP = 4 * 5e4 * (0.4 + 1e-3) / (2 * 2e8);
        double scale = 0.0625 * 4e-6;
        double expected = Math.sqrt(varP) * scale;
        double sd = Math.sqrt(sq);
        // The sample standard deviation of n normal draws has relative error about 1/sqrt(2n) = 1.1 %.
        assertEquals(expected, sd, 5 * expected / Math.sqrt(2.0 * n));
        assertEquals(0.4 * scale, mean, 5 * expected / Math.sqrt(n));
        assertTrue(sd > 0);
    }
}
