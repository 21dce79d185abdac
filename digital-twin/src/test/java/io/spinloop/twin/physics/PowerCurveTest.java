package io.spinloop.twin.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.autodiff.ElementwiseOps;
import io.spinloop.autodiff.GradientCheck;
import io.spinloop.autodiff.ReduceOps;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PowerCurveTest {
    private final PowerCurve seed = PowerCurve.SEED_003;

    @Test
    void matchesEquationFourOfTheSeed() {
        // a = 4, b = 5, Ic = 1, Q = 2 at I = 1.5: (1 + tanh(1))/2 * 0.5/3.5
        assertEquals((1 + Math.tanh(1.0)) / 2 * 0.5 / 3.5, seed.power(1.5), 1e-15);
        assertEquals(0.0, seed.power(0.3));
        assertEquals(0.0, seed.power(1.0));
        // far above threshold the prefactor saturates and p -> (I - Ic)/(I + Q Ic) -> 1
        assertEquals((100.0 - 1) / (100 + 2), seed.power(100), 1e-12);
        assertTrue(seed.power(1e6) < 1.0);
    }

    @Test
    void isContinuousAtThresholdAndIncreasingAbove() {
        assertEquals(0.0, seed.power(1.0 + 1e-12), 1e-12);
        double previous = 0;
        for (double i = 1.01; i < 20; i += 0.01) {
            double p = seed.power(i);
            assertTrue(p > previous, "p(I) must increase above threshold, fails at I=" + i);
            previous = p;
        }
    }

    @Test
    void analyticSlopesMatchFiniteDifferences() {
        double h = 1e-6;
        for (double i = 1.05; i < 6; i += 0.173) {
            double numeric = (seed.power(i + h) - seed.power(i - h)) / (2 * h);
            assertEquals(numeric, seed.slope(i), 1e-8 * Math.max(1, Math.abs(numeric)), "dp/dI at " + i);
            double numericA = (seed.withA(4 + h).power(i) - seed.withA(4 - h).power(i)) / (2 * h);
            assertEquals(numericA, seed.slopeInA(i), 1e-8, "dp/da at " + i);
        }
        assertEquals(0.0, seed.slope(0.5));
    }

    @Test
    void tapeOpGradientMatchesFiniteDifferencesWithSpreadAndCeiling() {
        Random rng = new Random(3);
        PowerCurveArray devices = PowerCurveArray.identical(4, seed).withSpreadInA(0.3, rng).withMaxCurrent(4.0);
        double[] currents = new double[3 * 4];
        for (int i = 0; i < currents.length; i++) {
            // away from the kinks at Ic = 1 and at the ceiling, where the derivative jumps
            currents[i] = 1.1 + 2.7 * rng.nextDouble();
        }
        currents[5] = 0.4;   // below threshold: zero power, zero gradient
        currents[7] = 5.0;   // above the ceiling: clamped, zero gradient
        Tensor in = Tensor.variable(3, 4, currents);
        double[] w = new double[12];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextGaussian();
        }
        Tensor weights = Tensor.constant(3, 4, w);
        GradientCheck check = GradientCheck.of(
                tape -> ReduceOps.sum(tape, ElementwiseOps.mul(tape, devices.apply(tape, in), weights)), List.of(in));
        check.assertWithin(1e-7);
        Tape tape = new Tape();
        Tensor p = devices.apply(tape, in);
        assertEquals(0.0, p.get(1, 1));
        assertEquals(devices.device(3).power(4.0), p.get(1, 3), 1e-15);
    }

    @Test
    void spreadDrawsTheSlopeFromAGaussian() {
        PowerCurveArray devices = PowerCurveArray.identical(20000, seed).withSpreadInA(0.25, new Random(11));
        double sum = 0;
        double sq = 0;
        for (int j = 0; j < devices.size(); j++) {
            double a = devices.device(j).a();
            sum += a;
            sq += (a - 4) * (a - 4);
            assertEquals(5.0, devices.device(j).b());
        }
        int n = devices.size();
        // mean within 4 standard errors, variance within 4 standard errors of a chi-square estimate
        assertEquals(4.0, sum / n, 4 * 0.25 / Math.sqrt(n));
        assertEquals(0.0625, sq / n, 4 * 0.0625 * Math.sqrt(2.0 / n));
    }

    @Test
    void rejectsUnphysicalParameters() {
        assertThrows(IllegalArgumentException.class, () -> new PowerCurve(4, 5, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new PowerCurve(4, 5, 1, -1));
        assertThrows(IllegalArgumentException.class,
                () -> PowerCurveArray.identical(2, seed).apply(new Tape(), Tensor.zeros(1, 3)));
    }
}
