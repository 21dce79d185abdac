package io.spinloop.app.measure;

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
    /** A line must stand this far (dB) above the median floor in its best bin to be fitted at all. */
    private static final double DETECTION_DB = 6.0;
    private static final int MAX_ITERATIONS = 60;

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
        double floorDb = median(dbm);
        double floorMw = Math.pow(10, floorDb / 10);
        int peak = argmax(smooth3(dbm));
        if (dbm[peak] - floorDb < DETECTION_DB) {
            double excessMw = 0;
            for (double v : mw) {
                excessMw += v - floorMw;
            }
            double powerW = Math.max(0, excessMw * df / (ENBW_PER_RBW * rbwHz)) * 1e-3;
            return new LineFit(false, Double.NaN, powerW, Double.NaN, floorMw * 1e-3, Double.NaN);
        }

        // Seeds: width from the half-maximum crossings, area from the excess power around the peak.
        double half = floorMw + (mw[peak] - floorMw) / 2;
        int lo = peak;
        while (lo > 0 && mw[lo] > half) {
            lo--;
        }
        int hi = peak;
        while (hi < n - 1 && mw[hi] > half) {
            hi++;
        }
        double fwhmSeen = Math.max((hi - lo) * df, df);
        double lorentzSeed = Math.max(fwhmSeen - 0.5 * rbwHz, 0.05 * Math.max(rbwHz, df));
        double excessMw = 0;
        int w = Math.max(3 * (hi - lo), 10);
        for (int i = Math.max(0, peak - w); i <= Math.min(n - 1, peak + w); i++) {
            excessMw += Math.max(0, mw[i] - floorMw);
        }
        double areaSeed = Math.max(excessMw * df / (ENBW_PER_RBW * rbwHz), (mw[peak] - floorMw) * 1e-3);

        double[] p = {freqHz[peak], Math.log(areaSeed), Math.log(lorentzSeed), Math.log(floorMw)};
        double[] scale = {df, 1, 1, 1};
        p = levenbergMarquardt(freqHz, dbm, p, scale);
        double cost = cost(freqHz, dbm, p);
        return new LineFit(true, p[0], Math.exp(p[1]) * 1e-3, Math.exp(p[2]), Math.exp(p[3]) * 1e-3,
                Math.sqrt(cost / n));
    }

    /** Model trace in dBm at frequency f for parameters (fc, ln A[mW], ln Δ, ln N[mW]). */
    double modelDbm(double f, double[] p) {
        double line = Math.exp(p[1]) * ENBW_PER_RBW * rbwHz * VoigtProfile.at(f - p[0], Math.exp(p[2]) / 2, rbwSigma);
        return 10 * Math.log10(line + Math.exp(p[3]));
    }

    private double cost(double[] f, double[] y, double[] p) {
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            double r = modelDbm(f[i], p) - y[i];
            s += r * r;
        }
        return s;
    }

    private double[] levenbergMarquardt(double[] f, double[] y, double[] start, double[] scale) {
        int m = start.length;
        double[] p = start.clone();
        double cost = cost(f, y, p);
        double lambda = 1e-3;
        double[][] jac = new double[f.length][m];
        double[] res = new double[f.length];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            for (int i = 0; i < f.length; i++) {
                double base = modelDbm(f[i], p);
                res[i] = y[i] - base;
                for (int k = 0; k < m; k++) {
                    double h = 1e-6 * scale[k];
                    double saved = p[k];
                    p[k] = saved + h;
                    jac[i][k] = (modelDbm(f[i], p) - base) / h;
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
                double trialCost = cost(f, y, trial);
                if (trialCost < cost) {
                    double gain = (cost - trialCost) / cost;
                    p = trial;
                    cost = trialCost;
                    lambda = Math.max(lambda / 10, 1e-9);
                    improved = true;
                    if (gain < 1e-10) {
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

    private static double[] smooth3(double[] v) {
        double[] s = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double a = v[Math.max(0, i - 1)];
            double b = v[Math.min(v.length - 1, i + 1)];
            s[i] = (a + v[i] + b) / 3;
        }
        return s;
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
