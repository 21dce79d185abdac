package io.spinloop.twin.validate;

import java.util.Arrays;

/**
 * How close two sets of trajectories of the same drive sequences are, judged on distributions across repeats
 * ({@code [s][r][t]} arrays, same S and T, any repeat counts). All figures are in units of {@code scale}
 * (the data's power standard deviation), so they read the same for any device.
 *
 * @param meanError     RMS over (s, t) of the difference of the per-time means
 * @param spreadError   RMS over (s, t) of sd_a - sd_b, the per-time standard deviations across repeats: what the
 *                      spread test judges (cells weigh by how much spread they have, so a cell where the device
 *                      is off and both spreads are at the detector floor counts for little)
 * @param spreadRatio   pooled ratio sqrt(mean over (s, t) of var_a / mean of var_b) (1 = same spread)
 * @param logSpreadError RMS over (s, t) of log(sd_a / sd_b), every cell weighing the same (a spread of zero
 *                      counts as 1e-3 of the other's, so a deterministic twin scores about 6.9)
 * @param autocorrError RMS over sequences and lags 1..{@value #LAGS} of the difference of the autocorrelation
 *                      of deviations from the per-time mean (pooled over repeats)
 * @param distance      mean over (s, t) of the 1-Wasserstein distance between the two sets of values
 */
public record DistributionMetrics(double meanError, double spreadError, double spreadRatio, double logSpreadError,
        double autocorrError, double distance) {

    public static final int LAGS = 5;

    /** Compares trajectory sets {@code a} (e.g. the twin) and {@code b} (e.g. measured). */
    public static DistributionMetrics compare(double[][][] a, double[][][] b, double scale) {
        if (a.length != b.length || a[0][0].length != b[0][0].length) {
            throw new IllegalArgumentException("trajectory sets differ in sequences or steps");
        }
        int steps = a[0][0].length;
        double meanSq = 0;
        double logSq = 0;
        double sdSq = 0;
        double varA = 0;
        double varB = 0;
        double w1 = 0;
        double acSq = 0;
        int acN = 0;
        long cells = 0;
        double[] colA = new double[a[0].length];
        double[] colB = new double[b[0].length];
        for (int s = 0; s < a.length; s++) {
            double[] meanA = new double[steps];
            double[] meanB = new double[steps];
            for (int t = 0; t < steps; t++) {
                colA = column(a[s], t, colA);
                colB = column(b[s], t, colB);
                double ma = mean(colA);
                double mb = mean(colB);
                meanA[t] = ma;
                meanB[t] = mb;
                meanSq += sq((ma - mb) / scale);
                double sa = sd(colA, ma);
                double sb = sd(colB, mb);
                double ratio = Math.max(sa, 1e-3 * sb) / Math.max(sb, 1e-3 * Math.max(sa, 1e-300));
                if (sa == 0 && sb == 0) {
                    ratio = 1;
                }
                double lr = Math.log(ratio);
                logSq += lr * lr;
                sdSq += sq((sa - sb) / scale);
                varA += sa * sa;
                varB += sb * sb;
                w1 += wasserstein(colA, colB) / scale;
                cells++;
            }
            double[] acA = autocorrelation(a[s], meanA);
            double[] acB = autocorrelation(b[s], meanB);
            for (int k = 0; k < LAGS; k++) {
                acSq += sq(acA[k] - acB[k]);
                acN++;
            }
        }
        double pooled = varB > 0 ? Math.sqrt(varA / varB) : (varA > 0 ? Double.POSITIVE_INFINITY : 1);
        return new DistributionMetrics(Math.sqrt(meanSq / cells), Math.sqrt(sdSq / cells), pooled,
                Math.sqrt(logSq / cells), Math.sqrt(acSq / acN), w1 / cells);
    }

    private static double[] column(double[][] reps, int t, double[] buf) {
        for (int r = 0; r < reps.length; r++) {
            buf[r] = reps[r][t];
        }
        return buf;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v, double m) {
        if (v.length < 2) {
            return 0;
        }
        double s = 0;
        for (double x : v) {
            s += sq(x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static double sq(double x) {
        return x * x;
    }

    /** Autocorrelation at lags 1..LAGS of deviations from the per-time mean, pooled over repeats (0 if no spread). */
    static double[] autocorrelation(double[][] reps, double[] mean) {
        int steps = mean.length;
        double[] ac = new double[LAGS];
        double var = 0;
        for (double[] rep : reps) {
            for (int t = 0; t < steps; t++) {
                var += sq(rep[t] - mean[t]);
            }
        }
        if (var == 0) {
            return ac;
        }
        for (int k = 1; k <= LAGS && k < steps; k++) {
            double c = 0;
            for (double[] rep : reps) {
                for (int t = 0; t + k < steps; t++) {
                    c += (rep[t] - mean[t]) * (rep[t + k] - mean[t + k]);
                }
            }
            ac[k - 1] = c / var * steps / (steps - k);
        }
        return ac;
    }

    /** 1-Wasserstein distance between two empirical distributions: the integral of |F_a^-1 - F_b^-1|. */
    static double wasserstein(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        if (x.length == y.length) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += Math.abs(x[i] - y[i]);
            }
            return s / x.length;
        }
        // Merge the quantile breakpoints of both.
        double s = 0;
        int i = 0;
        int j = 0;
        double q = 0;
        while (i < x.length && j < y.length) {
            double qi = (i + 1.0) / x.length;
            double qj = (j + 1.0) / y.length;
            double next = Math.min(qi, qj);
            s += (next - q) * Math.abs(x[i] - y[j]);
            q = next;
            if (qi <= next) {
                i++;
            }
            if (qj <= next) {
                j++;
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return String.format("mean %.4f, spread %.4f (ratio %.3f, log %.3f), autocorr %.4f, W1 %.4f", meanError,
                spreadError, spreadRatio, logSpreadError, autocorrError, distance);
    }
}
