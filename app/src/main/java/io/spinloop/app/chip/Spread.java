package io.spinloop.app.chip;

import java.util.Arrays;

/** Median and range of a figure over seeds, as the study tables quote them. */
record Spread(double median, double min, double max, int n) {

    static Spread of(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        double med = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
        return new Spread(med, v[0], v[n - 1], n);
    }

    String format() {
        return String.format("%.4f [%.4f, %.4f]", median, min, max);
    }
}
