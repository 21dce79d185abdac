package io.spinloop.lab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PowerCurveFitTest {
    @Test
    void recoversThresholdAndDampingFromANoisyCurve() {
        PowerCurveFit truth = new PowerCurveFit(1.05e-3, 0.6, 25.0, 0);
        Random rnd = new Random(1);
        int n = 51;
        double[] i = new double[n];
        double[] p = new double[n];
        for (int k = 0; k < n; k++) {
            i[k] = 2.5e-3 * k / (n - 1);
            // 2 % multiplicative noise plus a small additive floor, as a fitted spectrum gives.
            p[k] = truth.powerW(i[k]) * (1 + 0.02 * rnd.nextGaussian()) + 1e-13 * rnd.nextGaussian();
        }
        PowerCurveFit fit = PowerCurveFit.fit(i, p);
        // With 30 points above threshold at 2 % noise, I_th is pinned to well under a step (50 µA) and Q to ~10 %.
        assertEquals(1.05e-3, fit.thresholdA(), 2e-5);
        assertEquals(0.6, fit.q(), 0.1);
        assertEquals(25.0, fit.scaleWPerA2(), 2.5);
    }
}
