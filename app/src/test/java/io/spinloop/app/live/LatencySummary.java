package io.spinloop.app.live;

import java.util.List;
import java.util.Locale;

/** Point measured → point drawn, in ms, as the page timed it: median and worst. */
record LatencySummary(int points, double medianMs, double worstMs) {
    static LatencySummary of(List<?> ms) {
        double[] v = ms.stream().mapToDouble(x -> ((Number) x).doubleValue()).sorted().toArray();
        if (v.length == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN);
        }
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new LatencySummary(v.length, median, v[v.length - 1]);
    }

    String line(String what) {
        return String.format(Locale.ROOT, "live view latency (%s): measured -> drawn median %.0f ms, worst %.0f ms "
                + "over %d points", what, medianMs, worstMs, points);
    }
}
