package io.spinloop.training.study;

import java.util.Arrays;

/** Median and quartiles of a sample, by linear interpolation between order statistics (NumPy's default). */
public record Quartiles(double q1, double median, double q3, int n) {

    public static Quartiles of(double[] values) {
        if (values.length == 0) {
            return new Quartiles(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return new Quartiles(quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75), v.length);
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
