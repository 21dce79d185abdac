package io.spinloop.lab.map;

/**
 * Kittel's formula for an in-plane free layer, field along the magnetisation (docs/field-physics.md), fitted to
 * free-running frequencies f0 at applied fields B by least squares on f:
 *
 * <pre>  f0(B) = s · (γ/2π) · √((B + μ0H_k)(B + μ0H_k + μ0M_eff))</pre>
 *
 * with γ/2π = 28.025 GHz/T fixed. The scale s stands for what moves a drawn device's f0 by a factor at every field
 * (the bench's spread of f0, a g-factor other than 2); with it free, μ0M_eff and μ0H_k come from the curve's shape:
 * f0²/(γ/2π)² = s²B² + s²(2H_k + M_eff)B + s²H_k(H_k + M_eff) is a quadratic in B, so the three are identifiable when
 * the fields span enough of the curvature (tens of mT for M_eff ≈ 1 T). With {@code fitScale} false, s = 1.
 *
 * <p>The start is that quadratic, fitted linearly to f0²; Levenberg–Marquardt on f then gives the least-squares
 * parameters, and their standard errors come from the residuals' variance times (JᵀJ)⁻¹ at the optimum.
 *
 * @param effectiveMagnetisationT μ0M_eff, T
 * @param anisotropyFieldT        μ0H_k, T (the in-plane bias that adds to B)
 * @param scale                   s (1 exactly when not fitted)
 * @param sigmaMT                 standard error of μ0M_eff, T
 * @param sigmaHkT                standard error of μ0H_k, T
 * @param sigmaScale              standard error of s (0 when not fitted)
 * @param rmsResidualHz           root mean square of f0 − fit
 */
public record KittelFit(double effectiveMagnetisationT, double anisotropyFieldT, double scale, double sigmaMT,
                        double sigmaHkT, double sigmaScale, double rmsResidualHz) {

    /** γ/2π of a free electron, Hz/T (the emulator's value too). */
    public static final double GYROMAGNETIC_HZ_PER_T = 28.024951e9;

    /** f0 at applied field {@code bT} by Kittel's formula with these parameters (NaN where B + μ0H_k ≤ 0). */
    public double frequencyHz(double bT) {
        return frequencyHz(bT, effectiveMagnetisationT, anisotropyFieldT, scale);
    }

    static double frequencyHz(double b, double m, double hk, double s) {
        double u = b + hk;
        return u > 0 ? s * GYROMAGNETIC_HZ_PER_T * Math.sqrt(u * (u + m)) : Double.NaN;
    }

    /**
     * Fits the formula to {@code f0Hz} at {@code fieldT}.
     *
     * @throws IllegalArgumentException when there are fewer fields than parameters plus one, or the fit has no
     *                                  physical solution (μ0M_eff ≤ 0, or B + μ0H_k ≤ 0 at a measured field)
     */
    public static KittelFit fit(double[] fieldT, double[] f0Hz, boolean fitScale) {
        int n = fieldT.length;
        int p = fitScale ? 3 : 2;
        if (f0Hz.length != n) {
            throw new IllegalArgumentException(n + " fields but " + f0Hz.length + " frequencies");
        }
        if (n < p + 1) {
            throw new IllegalArgumentException("Kittel fit: " + n + " fields for " + p + " parameters; need at least "
                    + (p + 1));
        }
        double[] theta = start(fieldT, f0Hz, fitScale); // M, Hk, s
        double lambda = 1e-3;
        double cost = cost(fieldT, f0Hz, theta);
        for (int iter = 0; iter < 200; iter++) {
            double[][] jtj = new double[p][p];
            double[] jtr = new double[p];
            normalEquations(fieldT, f0Hz, theta, p, jtj, jtr);
            double[][] a = new double[p][p];
            for (int i = 0; i < p; i++) {
                a[i] = jtj[i].clone();
                a[i][i] *= 1 + lambda;
            }
            double[] step = solve(a, jtr);
            double[] next = theta.clone();
            for (int i = 0; i < p; i++) {
                next[i] += step[i];
            }
            double c = cost(fieldT, f0Hz, next);
            if (c < cost) {
                boolean converged = cost - c <= 1e-14 * cost;
                theta = next;
                cost = c;
                lambda = Math.max(lambda / 10, 1e-12);
                if (converged) {
                    break;
                }
            } else {
                lambda *= 10;
                if (lambda > 1e12) {
                    break;
                }
            }
        }
        if (!(theta[0] > 0) || !Double.isFinite(cost)) {
            throw new IllegalArgumentException("Kittel fit: no physical solution (μ0M_eff = " + theta[0] + " T)");
        }
        double[][] jtj = new double[p][p];
        normalEquations(fieldT, f0Hz, theta, p, jtj, new double[p]);
        double variance = n > p ? cost / (n - p) : 0;
        double[][] cov = invert(jtj);
        return new KittelFit(theta[0], theta[1], theta[2], Math.sqrt(variance * cov[0][0]),
                Math.sqrt(variance * cov[1][1]), fitScale ? Math.sqrt(variance * cov[2][2]) : 0,
                Math.sqrt(cost / n));
    }

    /** The quadratic f0²/(γ/2π)² = a2·B² + a1·B + a0 fitted linearly (a2 = 1 without a scale), solved for M, Hk, s. */
    private static double[] start(double[] b, double[] f, boolean fitScale) {
        int n = b.length;
        int p = fitScale ? 3 : 2;
        double[][] ata = new double[p][p];
        double[] aty = new double[p];
        for (int k = 0; k < n; k++) {
            double g = f[k] / GYROMAGNETIC_HZ_PER_T;
            double y = g * g - (fitScale ? 0 : b[k] * b[k]);
            double[] row = fitScale ? new double[] {1, b[k], b[k] * b[k]} : new double[] {1, b[k]};
            for (int i = 0; i < p; i++) {
                aty[i] += row[i] * y;
                for (int j = 0; j < p; j++) {
                    ata[i][j] += row[i] * row[j];
                }
            }
        }
        double[] c = solve(ata, aty);
        double s2 = fitScale ? c[2] : 1;
        if (!(s2 > 0)) {
            s2 = 1; // no curvature in the data: start from s = 1
        }
        double c1 = c[1] / s2;
        double c0 = c[0] / s2;
        double disc = c1 * c1 - 4 * c0;
        double hk = disc >= 0 ? (c1 - Math.sqrt(disc)) / 2 : c1 / 2; // Hk(Hk + M) = c0, 2Hk + M = c1
        double m = c1 - 2 * hk;
        if (!(m > 0)) {
            m = 1.0;
            hk = 0.0;
        }
        double minB = Double.POSITIVE_INFINITY;
        for (double v : b) {
            minB = Math.min(minB, v);
        }
        hk = Math.max(hk, 1e-4 - minB); // keep B + Hk > 0 at every field
        return new double[] {m, hk, Math.sqrt(s2)};
    }

    private static double cost(double[] b, double[] f, double[] t) {
        double c = 0;
        for (int k = 0; k < b.length; k++) {
            double r = f[k] - frequencyHz(b[k], t[0], t[1], t[2]);
            c += r * r;
        }
        return Double.isNaN(c) ? Double.POSITIVE_INFINITY : c;
    }

    private static void normalEquations(double[] b, double[] f, double[] t, int p, double[][] jtj, double[] jtr) {
        for (int k = 0; k < b.length; k++) {
            double u = b[k] + t[1];
            double g = Math.sqrt(u * (u + t[0]));
            double model = t[2] * GYROMAGNETIC_HZ_PER_T * g;
            double[] d = {t[2] * GYROMAGNETIC_HZ_PER_T * u / (2 * g),
                    t[2] * GYROMAGNETIC_HZ_PER_T * (2 * u + t[0]) / (2 * g), GYROMAGNETIC_HZ_PER_T * g};
            double r = f[k] - model;
            for (int i = 0; i < p; i++) {
                jtr[i] += d[i] * r;
                for (int j = 0; j < p; j++) {
                    jtj[i][j] += d[i] * d[j];
                }
            }
        }
    }

    /** Gaussian elimination with partial pivoting on a small symmetric system. */
    static double[] solve(double[][] a, double[] y) {
        int n = y.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = y[i];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = m[c];
            m[c] = m[piv];
            m[piv] = tmp;
            for (int r = 0; r < n; r++) {
                if (r != c && m[c][c] != 0) {
                    double k = m[r][c] / m[c][c];
                    for (int j = c; j <= n; j++) {
                        m[r][j] -= k * m[c][j];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }

    private static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] inv = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            double[] col = solve(a, e);
            for (int i = 0; i < n; i++) {
                inv[i][j] = col[i];
            }
        }
        return inv;
    }
}
