package io.spinloop.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputNoiseTest {
    private static final int EXAMPLES = 400;
    private static final int LENGTH = 64;

    private static double[][] zeros() {
        return new double[EXAMPLES][LENGTH];
    }

    private static int[] identity() {
        int[] ids = new int[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            ids[i] = i;
        }
        return ids;
    }

    @Test
    void hasTheAskedSpreadAndNoMeanAndLeavesTheRowsAlone() {
        double[][] rows = zeros();
        double[][] noisy = new InputNoise(0.3, 7).addToRows(rows, 0, EXAMPLES, 3, identity());
        double sum = 0;
        double sum2 = 0;
        double fourth = 0;
        for (double[] row : noisy) {
            for (double v : row) {
                sum += v;
                sum2 += v * v;
                fourth += v * v * v * v;
            }
        }
        int count = EXAMPLES * LENGTH;
        // 25,600 deviates: the mean's standard error is 0.3 / 160, the spread's about 0.3 / 226.
        assertEquals(0.0, sum / count, 4 * 0.3 / 160);
        assertEquals(0.3, Math.sqrt(sum2 / count), 4 * 0.3 / 226);
        // Gaussian, not any distribution of that spread: the kurtosis is 3 (a uniform one's is 1.8).
        double var = sum2 / count;
        assertEquals(3.0, fourth / count / (var * var), 0.15);
        for (double[] row : rows) {
            for (double v : row) {
                assertEquals(0.0, v);
            }
        }
    }

    @Test
    void anExamplesNoiseDependsOnlyOnSeedEpochAndExample() {
        InputNoise noise = new InputNoise(0.2, 11);
        double[][] rows = zeros();
        int[] ids = identity();
        double[][] all = noise.addToRows(rows, 0, EXAMPLES, 5, ids);
        // The same example in another shard (another first row) or alone: the same deviates.
        double[][] shard = noise.addToRows(rows, 100, 50, 5, ids);
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(all[100 + i], shard[i], 0.0);
        }
        assertArrayEquals(all[42], noise.add(rows[42], 5, 42, new double[LENGTH]), 0.0);
        // Another epoch, another example, another run seed: other deviates.
        assertTrue(correlation(all[42], noise.add(rows[42], 6, 42, new double[LENGTH])) < 0.5);
        assertTrue(correlation(all[42], all[43]) < 0.5);
        assertTrue(correlation(all[42], new InputNoise(0.2, 12).add(rows[42], 5, 42, new double[LENGTH])) < 0.5);
    }

    @Test
    void neighbouringStreamsAreUncorrelated() {
        // Streams of consecutive examples and epochs: the largest correlation of 399 pairs of 64 deviates stays
        // where independent ones put it (standard error 1/8; five of them is beyond chance).
        InputNoise noise = new InputNoise(1.0, 0);
        double[][] a = noise.addToRows(zeros(), 0, EXAMPLES, 0, identity());
        double[][] b = noise.addToRows(zeros(), 0, EXAMPLES, 1, identity());
        double worst = 0;
        for (int i = 0; i + 1 < EXAMPLES; i++) {
            worst = Math.max(worst, Math.abs(correlation(a[i], a[i + 1])));
            worst = Math.max(worst, Math.abs(correlation(a[i], b[i])));
        }
        assertTrue(worst < 5.0 / 8, "largest correlation " + worst);
    }

    @Test
    void refusesANoiseThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new InputNoise(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new InputNoise(Double.NaN, 1));
    }

    private static double correlation(double[] x, double[] y) {
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += x[i] * y[i];
            sxx += x[i] * x[i];
            syy += y[i] * y[i];
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
