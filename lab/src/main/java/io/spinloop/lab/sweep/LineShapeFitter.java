package io.spinloop.lab.sweep;

import java.util.Arrays;

/**
 * Fits the line of an oscillator in a swept spectrum: a Lorentzian (the oscillator, FWHM Δ) seen through
 * the analyzer's Gaussian RBW filter (FWHM = RBW) over a flat noise floor. The displayed trace is then
 * {@code P(f) = A·ENBW·V(f − fc; Δ, RBW) + N}: V a unit-area Voigt profile, A the line's power,
 * ENBW = 1.0645·RBW the filter's noise bandwidth (its peak gain is 1, so a pure tone reads A).
 *
 * <p>The Voigt profile is computed from the Faddeeva function ({@link VoigtProfile}). Residuals are taken in dB, where an analyzer's trace noise is
 * roughly uniform, and minimized by Levenberg–Marquardt over (fc, ln A, ln Δ, ln N), so the power, width
 * and floor stay positive. The maximum bin only seeds the fit: the center comes from the whole line shape.
 */
public final class LineShapeFitter {
    private static final double ENBW_PER_RBW = 1.0645; // Gaussian filter: sqrt(pi / (4 ln 2))
    private static final double LN2 = Math.log(2);
    /** A line must stand this far (dB) above the floor in the moving average to be fitted at all. */
    private static final double DETECTION_DB = 6.0;
    private static final int MAX_ITERATIONS = 60;
    /** Bins averaged for the detection decision: the noise of the average is 1/3 of a single look's. */
    private static final int SMOOTH = 9;
    private static final int IRLS_ROUNDS = 3;
    private static final int WINDOW_WIDTHS = 12;
    private static final int MIN_WINDOW = 60;
    /** Each reweighting round starts next to its optimum: a few steps suffice. */
    private static final int IRLS_ITERATIONS = 8;

    private final double rbwHz;
    private final double rbwSigma;

    public LineShapeFitter(double rbwHz) {
        if (!(rbwHz > 0)) {
            throw new IllegalArgumentException("rbwHz must be positive, got " + rbwHz);
        }
        this.rbwHz = rbwHz;
        this.rbwSigma = rbwHz / (2 * Math.sqrt(2 * LN2));
    }

    /** Fits the trace {@code dbm} measured at frequencies {@code freqHz} (equally spaced, increasing). */
    public LineFit fit(double[] freqHz, double[] dbm) {
        int n = freqHz.length;
        if (n != dbm.length || n < 8) {
            throw new IllegalArgumentException("need matching frequency and trace arrays of at least 8 points, got "
                    + n + " and " + dbm.length);
        }
        double df = (freqHz[n - 1] - freqHz[0]) / (n - 1);
        double[] mw = new double[n];
        for (int i = 0; i < n; i++) {
            mw[i] = Math.pow(10, dbm[i] / 10);
        }
        // Detected noise fluctuates by up to 100 % per bin (exponential for one look): decide whether there is
        // a line on a moving average over SMOOTH bins, whose noise is three times smaller.
        double[] smooth = movingAverage(mw, SMOOTH);
        double floorMw = median(smooth);
        int peak = argmax(smooth);
        if (10 * Math.log10(smooth[peak] / floorMw) < DETECTION_DB) {
            return new LineFit(false, Double.NaN, 0.0, Double.NaN, mean(mw) * 1e-3, Double.NaN);
        }

        // Seeds: width from the half-maximum crossings, area from the excess power around the peak.
        double half = floorMw + (smooth[peak] - floorMw) / 2;
        int lo = peak;
        while (lo > 0 && smooth[lo] > half) {
            lo--;
        }
        int hi = peak;
        while (hi < n - 1 && smooth[hi] > half) {
            hi++;
        }
        double fwhmSeen = Math.max((hi - lo) * df, df);
        double lorentzSeed = Math.max(fwhmSeen - 0.5 * rbwHz, 0.05 * Math.max(rbwHz, df));
        double excessMw = 0;
        int w = Math.max(3 * (hi - lo), 10);
        for (int i = Math.max(0, peak - w); i <= Math.min(n - 1, peak + w); i++) {
            excessMw += Math.max(0, smooth[i] - floorMw);
        }
        double areaSeed = Math.max(excessMw * df / (ENBW_PER_RBW * rbwHz), (smooth[peak] - floorMw) * 1e-3);

        double[] p = {freqHz[peak], Math.log(areaSeed), Math.log(lorentzSeed), Math.log(floorMw)};
        double[] scale = {df, 1, 1, 1};
        // Fit a window of WINDOW_WIDTHS apparent widths around the line (never fewer than MIN_WINDOW bins each
        // side): far bins hold only floor, which the window's own wings pin down, and cost time for nothing.
        int reach = Math.max(MIN_WINDOW, WINDOW_WIDTHS * (hi - lo));
        int from = Math.max(0, peak - reach);
        int to = Math.min(n, peak + reach + 1);
        if (to - from < n) {
            freqHz = java.util.Arrays.copyOfRange(freqHz, from, to);
            dbm = java.util.Arrays.copyOfRange(dbm, from, to);
            mw = java.util.Arrays.copyOfRange(mw, from, to);
            n = to - from;
        }
        p = levenbergMarquardt(freqHz, dbm, p, scale, null, MAX_ITERATIONS);
        double rmsDb = Math.sqrt(cost(freqHz, dbm, p, null) / n);
        // The dB fit is robust but biased when the trace noise is multiplicative (the mean of 10·log10 of an
        // exponential variable is 2.5 dB below 10·log10 of its mean). Refine by iteratively reweighted least
        // squares on linear power with weights 1/model²: the quasi-likelihood estimate, which is the maximum
        // likelihood for Gamma-distributed detected power with any number of looks, and is unbiased.
        for (int round = 0; round < IRLS_ROUNDS; round++) {
            double[] weight = new double[n];
            for (int i = 0; i < n; i++) {
                weight[i] = Math.pow(10, modelDbm(freqHz[i], p) / 10);
            }
            p = levenbergMarquardt(freqHz, mw, p, scale, weight, IRLS_ITERATIONS);
        }
        return new LineFit(true, p[0], Math.exp(p[1]) * 1e-3, Math.exp(p[2]), Math.exp(p[3]) * 1e-3, rmsDb);
    }

    /**
     * The fitted line as the analyzer would show it, in dBm at each of {@code freqHz}: what a live view draws over the
     * trace. The floor alone when no line was detected.
     */
    public double[] fittedDbm(double[] freqHz, LineFit fit) {
        double[] out = new double[freqHz.length];
        double floorDbm = 10 * Math.log10(fit.floorW() * 1e3);
        if (!fit.detected()) {
            java.util.Arrays.fill(out, floorDbm);
            return out;
        }
        double[] p = {fit.peakHz(), Math.log(fit.powerW() * 1e3), Math.log(fit.linewidthHz()), Math.log(fit.floorW() * 1e3)};
        for (int i = 0; i < out.length; i++) {
            out[i] = modelDbm(freqHz[i], p);
        }
        return out;
    }

    /** Model trace in dBm at frequency f for parameters (fc, ln A[mW], ln Δ, ln N[mW]). */
    double modelDbm(double f, double[] p) {
        double line = Math.exp(p[1]) * ENBW_PER_RBW * rbwHz * VoigtProfile.at(f - p[0], Math.exp(p[2]) / 2, rbwSigma);
        return 10 * Math.log10(line + Math.exp(p[3]));
    }

    /**
     * Residual of point i: in dB when {@code scale} is null, else the relative residual of linear power
     * (y − m)/scale_i, with the scale fixed for one reweighting round.
     */
    private double residual(double f, double y, double[] p, double[] scale, int i) {
        double mDb = modelDbm(f, p);
        if (scale == null) {
            return y - mDb;
        }
        return (y - Math.pow(10, mDb / 10)) / scale[i];
    }

    private double cost(double[] f, double[] y, double[] p, double[] scale) {
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            double r = residual(f[i], y[i], p, scale, i);
            s += r * r;
        }
        return s;
    }

    private double[] levenbergMarquardt(double[] f, double[] y, double[] start, double[] scale, double[] weight,
            int maxIterations) {
        int m = start.length;
        double[] p = start.clone();
        double cost = cost(f, y, p, weight);
        double lambda = 1e-3;
        double[][] jac = new double[f.length][m];
        double[] res = new double[f.length];
        for (int it = 0; it < maxIterations; it++) {
            for (int i = 0; i < f.length; i++) {
                res[i] = residual(f[i], y[i], p, weight, i);
                for (int k = 0; k < m; k++) {
                    double h = 1e-6 * scale[k];
                    double saved = p[k];
                    p[k] = saved + h;
                    // d(model)/dθ = −d(residual)/dθ
                    jac[i][k] = (res[i] - residual(f[i], y[i], p, weight, i)) / h;
                    p[k] = saved;
                }
            }
            double[][] jtj = new double[m][m];
            double[] jtr = new double[m];
            for (int i = 0; i < f.length; i++) {
                for (int a = 0; a < m; a++) {
                    jtr[a] += jac[i][a] * res[i];
                    for (int b = 0; b <= a; b++) {
                        jtj[a][b] += jac[i][a] * jac[i][b];
                    }
                }
            }
            boolean improved = false;
            while (lambda < 1e10) {
                double[][] a = new double[m][m];
                for (int r = 0; r < m; r++) {
                    for (int c = 0; c <= r; c++) {
                        a[r][c] = jtj[r][c];
                        a[c][r] = jtj[r][c];
                    }
                    a[r][r] *= 1 + lambda;
                    a[r][r] += 1e-12;
                }
                double[] step = solve(a, jtr.clone());
                double[] trial = p.clone();
                for (int k = 0; k < m; k++) {
                    trial[k] += step[k];
                }
                double trialCost = cost(f, y, trial, weight);
                if (trialCost < cost) {
                    double gain = (cost - trialCost) / cost;
                    p = trial;
                    cost = trialCost;
                    lambda = Math.max(lambda / 10, 1e-9);
                    improved = true;
                    if (gain < 1e-7) {
                        return p;
                    }
                    break;
                }
                lambda *= 10;
            }
            if (!improved) {
                return p;
            }
        }
        return p;
    }

    /** Solves the small symmetric system a·x = b by Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] tr = a[col];
            a[col] = a[piv];
            a[piv] = tr;
            double tb = b[col];
            b[col] = b[piv];
            b[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double k = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) {
                    a[r][c] -= k * a[col][c];
                }
                b[r] -= k * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double[] movingAverage(double[] v, int width) {
        int n = v.length;
        double[] s = new double[n];
        int half = width / 2;
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - half);
            int hi = Math.min(n - 1, i + half);
            double sum = 0;
            for (int j = lo; j <= hi; j++) {
                sum += v[j];
            }
            s[i] = sum / (hi - lo + 1);
        }
        return s;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
