package io.spinloop.twin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinloop.autodiff.GradientCheck;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.ReduceOps;
import io.spinloop.autodiff.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MomentClosureStepTest {

    @Test
    void autoOscillatorStepWithMomentClosureMatchesFiniteDifferences() {
        AutoOscillator m = new AutoOscillator(AutoOscillator.defaults(), true);
        Tensor x = Tensor.variable(5, 1, 0.01, 0.2, 0.35, 0.5, 0.05);
        Tensor u = Tensor.variable(5, 1, 0.5e-3, 1.5e-3, 2e-3, 2.6e-3, 1.05e-3);
        Tensor xi = Tensor.variable(5, 1, 0.3, -0.4, 1.1, -0.2, 0.1);
        List<Tensor> inputs = new ArrayList<>(List.of(x, u, xi));
        for (Parameter p : m.parameters().list()) {
            inputs.add(p.value());
        }
        GradientCheck.of(tape -> ReduceOps.sum(tape, m.observe(tape, m.step(tape, x, u, 2e-9, xi), u)), inputs)
                .assertWithin(1e-5);
    }

    /**
     * Against the SDE itself: Euler–Maruyama in steps of 0.2 % of a relaxation time, 20,000 paths over one 2 ns step.
     * The closure's mean and standard deviation agree within the Monte Carlo error, during regrowth from low power
     * too, where the exact step's relaxation-rate noise is 20 % too small.
     */
    @Test
    void meanAndSpreadMatchTheStochasticEquationOverANanosecondStep() {
        double gamma = 1e8;
        double d = 4e4;
        SplittableRandom rng = new SplittableRandom(3);
        for (double[] c : new double[][] {{0.05, 2e-3}, {0.3, 2e-3}, {0.5, 1.5e-3}}) {
            double p0 = c[0];
            double current = c[1];
            double a = gamma * (current / 1e-3 - 1);
            double b = gamma * (0.5 + current / 1e-3);
            int n = 20_000;
            double h = 2e-9 / 400;
            double s1 = 0;
            double s2 = 0;
            for (int k = 0; k < n; k++) {
                double p = p0;
                for (int t = 0; t < 400; t++) {
                    p += (2 * a * p - 2 * b * p * p + 2 * d) * h + 2 * Math.sqrt(d * Math.max(p, 0) * h) * rng.nextGaussian();
                    p = Math.abs(p);
                }
                s1 += p;
                s2 += p * p;
            }
            double mean = s1 / n;
            double sd = Math.sqrt(s2 / n - mean * mean);
            MomentClosureStep mc = new MomentClosureStep();
            mc.gamma = gamma;
            mc.threshold = 1e-3;
            mc.q = 0.5;
            mc.noise = d;
            mc.dt = 2e-9;
            mc.p = p0;
            mc.current = current;
            mc.evaluate();
            assertEquals(mean, mc.mean, 4 * sd / Math.sqrt(n) + 2e-3 * sd, "mean at p0=" + p0);
            assertEquals(sd, mc.std, 4 * sd / Math.sqrt(2.0 * n), "sd at p0=" + p0);
        }
    }
}
