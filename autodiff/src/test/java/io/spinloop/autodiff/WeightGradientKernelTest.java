package io.spinloop.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both weight-gradient kernels against a plain sum, and the choice between them. */
class WeightGradientKernelTest {

    /**
     * Columns with 0 to 13 kept entries (the vector kernel's four-synapse blocks and its remainder) and batches
     * of 1 to 70 rows (its vector loop's tail), on top of existing gradient values.
     */
    private static void matchesThePlainSum(WeightGradientKernel kernel) {
        Random rng = new Random(11);
        int inputs = 13;
        int outputs = 14;
        double[] mask = new double[inputs * outputs];
        for (int o = 0; o < outputs; o++) {
            for (int k = 0; k < o && k < inputs; k++) {
                mask[k * outputs + o] = 1;
            }
        }
        SparseWeights sw = SparseWeights.of(inputs, outputs, mask);
        int[] colStart = new int[outputs + 1];
        int[] colRow = new int[sw.kept()];
        // Column o keeps rows 0..o-1, packed column after column (compressed-column order, as SparseWeights).
        for (int o = 0, p = 0; o < outputs; o++) {
            colStart[o] = p;
            for (int k = 0; k < o && k < inputs; k++) {
                colRow[p++] = k;
            }
            colStart[o + 1] = p;
        }
        for (int batch = 1; batch <= 70; batch++) {
            double[][] x = new double[inputs][batch];
            double[][] gy = new double[outputs][batch];
            for (double[] row : x) {
                for (int r = 0; r < batch; r++) {
                    row[r] = rng.nextGaussian();
                }
            }
            for (double[] row : gy) {
                for (int r = 0; r < batch; r++) {
                    row[r] = rng.nextGaussian();
                }
            }
            double[] g = new double[colRow.length];
            double[] expected = new double[colRow.length];
            for (int p = 0; p < g.length; p++) {
                g[p] = rng.nextGaussian();
                expected[p] = g[p];
            }
            for (int o = 0; o < outputs; o++) {
                for (int p = colStart[o]; p < colStart[o + 1]; p++) {
                    double s = 0;
                    for (int r = 0; r < batch; r++) {
                        s += x[colRow[p]][r] * gy[o][r];
                    }
                    expected[p] += s;
                }
            }
            kernel.accumulate(outputs, colStart, colRow, x, gy, batch, g);
            for (int p = 0; p < g.length; p++) {
                assertEquals(expected[p], g[p], 1e-12 * (1 + Math.abs(expected[p])),
                        kernel.name() + " batch " + batch + " entry " + p);
            }
        }
    }

    @Test
    void scalarKernelMatchesThePlainSum() {
        matchesThePlainSum(new ScalarWeightGradient());
    }

    @Test
    void vectorKernelMatchesThePlainSum() {
        // The build runs the tests with --add-modules jdk.incubator.vector (surefire argLine).
        assertTrue(WeightGradientKernel.vectorModulePresent(), "tests run without jdk.incubator.vector");
        matchesThePlainSum(new VectorWeightGradient());
    }

    @Test
    void choosesTheVectorKernelOnlyWithTheModuleAndNotSwitchedOff() {
        assertEquals("vector", WeightGradientKernel.select(true, null).name());
        assertEquals("vector", WeightGradientKernel.select(true, "true").name());
        assertEquals("scalar", WeightGradientKernel.select(true, "false").name());
        assertEquals("scalar", WeightGradientKernel.select(false, null).name());
        assertEquals("vector", SparseWeights.weightGradientKernel());
    }
}
