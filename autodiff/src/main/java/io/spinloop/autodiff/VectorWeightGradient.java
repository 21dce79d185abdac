package io.spinloop.autodiff;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The weight-gradient sums through the Vector API: four synapses per pass over the batch share the loads of the
 * output gradient, each with a vector of per-lane partial sums, reduced across lanes once per synapse. Only loaded
 * when {@code jdk.incubator.vector} is in the boot layer ({@link WeightGradientKernel#SELECTED}).
 *
 * <p>The lanes are summed in lane order by {@link #sumLanes}, not by {@code reduceLanes(ADD)}: the API leaves a
 * floating-point reduction's order to the implementation, and the interpreted and the compiled code differ (Temurin
 * 25 gave another last bit once C2 took over), which would make training depend on when the JIT compiles.
 */
final class VectorWeightGradient implements WeightGradientKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void accumulate(int outputs, int[] colStart, int[] colRow, double[][] x, double[][] gy, int batch,
            double[] gPacked) {
        int upper = S.loopBound(batch);
        double[] lanes = new double[S.length()];
        for (int o = 0; o < outputs; o++) {
            double[] g = gy[o];
            int p = colStart[o];
            int end = colStart[o + 1];
            for (; p + 3 < end; p += 4) {
                double[] a = x[colRow[p]];
                double[] b = x[colRow[p + 1]];
                double[] c = x[colRow[p + 2]];
                double[] d = x[colRow[p + 3]];
                DoubleVector s0 = DoubleVector.zero(S);
                DoubleVector s1 = DoubleVector.zero(S);
                DoubleVector s2 = DoubleVector.zero(S);
                DoubleVector s3 = DoubleVector.zero(S);
                int r = 0;
                for (; r < upper; r += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, g, r);
                    s0 = DoubleVector.fromArray(S, a, r).fma(v, s0);
                    s1 = DoubleVector.fromArray(S, b, r).fma(v, s1);
                    s2 = DoubleVector.fromArray(S, c, r).fma(v, s2);
                    s3 = DoubleVector.fromArray(S, d, r).fma(v, s3);
                }
                double t0 = sumLanes(s0, lanes);
                double t1 = sumLanes(s1, lanes);
                double t2 = sumLanes(s2, lanes);
                double t3 = sumLanes(s3, lanes);
                for (; r < batch; r++) {
                    double v = g[r];
                    t0 += a[r] * v;
                    t1 += b[r] * v;
                    t2 += c[r] * v;
                    t3 += d[r] * v;
                }
                gPacked[p] += t0;
                gPacked[p + 1] += t1;
                gPacked[p + 2] += t2;
                gPacked[p + 3] += t3;
            }
            for (; p < end; p++) {
                double[] a = x[colRow[p]];
                DoubleVector s0 = DoubleVector.zero(S);
                int r = 0;
                for (; r < upper; r += S.length()) {
                    s0 = DoubleVector.fromArray(S, a, r).fma(DoubleVector.fromArray(S, g, r), s0);
                }
                double t0 = sumLanes(s0, lanes);
                for (; r < batch; r++) {
                    t0 += a[r] * g[r];
                }
                gPacked[p] += t0;
            }
        }
    }

    /** The lanes of {@code v} summed from lane 0 up, the same order wherever the code runs. */
    private static double sumLanes(DoubleVector v, double[] lanes) {
        v.intoArray(lanes, 0);
        double t = 0;
        for (double lane : lanes) {
            t += lane;
        }
        return t;
    }
}
