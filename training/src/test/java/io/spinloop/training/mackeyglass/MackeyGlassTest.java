package io.spinloop.training.mackeyglass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MackeyGlassTest {

    @Test
    void seriesStaysOnTheChaoticAttractor() {
        double[] x = MackeyGlass.series(2000, 1.0);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        // the tau = 17 attractor lives in about [0.2, 1.4] and keeps oscillating (not a fixed point)
        assertTrue(min > 0.15 && min < 0.5, "min " + min);
        assertTrue(max > 1.1 && max < 1.45, "max " + max);
    }

    @Test
    void samplingPicksEveryNthFineSample() {
        double[] fine = MackeyGlass.series(31, 1.0);
        double[] coarse = MackeyGlass.series(11, 3.0);
        for (int i = 0; i < coarse.length; i++) {
            assertEquals(fine[3 * i], coarse[i], 1e-12);
        }
    }

    @Test
    void windowsPairTapsWithTheValueHorizonAhead() {
        ForecastTask.Split s = ForecastTask.mackeyGlass(4, 2, 10, 3, 3.0, 5);
        ForecastTask tr = s.train();
        // step t of window w sees s[now], s[now-1], s[now-2] and targets s[now+5]
        assertEquals(tr.inputs()[0][5][0], tr.targets()[0][0], 1e-12);
        assertEquals(tr.inputs()[0][1][1], tr.inputs()[0][0][0], 1e-12);
        assertEquals(4, tr.windows());
        assertEquals(2, s.test().windows());
    }

    @Test
    void forecastErrorOfTheMeanIsOne() {
        double[] t = {1, -1, 2, -2};
        ForecastError e = ForecastError.of(new double[4], t);
        assertEquals(2.5, e.mse(), 1e-12);
        assertEquals(1.0, e.nrmse(), 1e-12);
    }

    @Test
    void ridgeReadoutRecoversALinearMap() {
        double[][] f = new double[50][2];
        double[] y = new double[50];
        for (int i = 0; i < 50; i++) {
            f[i][0] = Math.sin(i);
            f[i][1] = Math.cos(0.3 * i);
            y[i] = 2 * f[i][0] - 0.5 * f[i][1] + 0.25;
        }
        RidgeReadout r = RidgeReadout.fit(f, y, 1e-10);
        assertEquals(2, r.weights()[0], 1e-6);
        assertEquals(-0.5, r.weights()[1], 1e-6);
        assertEquals(0.25, r.bias(), 1e-6);
    }
}
