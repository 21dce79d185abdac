package io.spinloop.lab.sweep;

/**
 * The unit-area Voigt profile (a Lorentzian convolved with a Gaussian) from the real part of the
 * Faddeeva function, computed with Humlíček's W4 rational approximations (J. Quant. Spectrosc. Radiat.
 * Transfer 27, 437, 1982; relative accuracy about 1e-4 everywhere). Exact enough that a fit in dB,
 * where the line's wings weigh as much as its peak, is not biased by the profile.
 */
final class VoigtProfile {
    private static final double SQRT2 = Math.sqrt(2);
    private static final double SQRT2PI = Math.sqrt(2 * Math.PI);

    private VoigtProfile() {
    }

    /**
     * Profile at offset x for a Lorentzian of half width gamma and a Gaussian of standard deviation sigma.
     */
    static double at(double x, double gamma, double sigma) {
        double s2 = sigma * SQRT2;
        return humlicekRe(x / s2, gamma / s2) / (sigma * SQRT2PI);
    }

    /** Re w(x + iy) for y ≥ 0 (the Voigt function K(x, y)). */
    static double humlicekRe(double x, double y) {
        // t = y - i x
        double tr = y;
        double ti = -x;
        double s = Math.abs(x) + y;
        if (s >= 15) {
            // w = t * 0.5641896 / (0.5 + t^2)
            double ur = tr * tr - ti * ti + 0.5;
            double ui = 2 * tr * ti;
            return divRe(0.5641896 * tr, 0.5641896 * ti, ur, ui);
        }
        if (s >= 5.5) {
            double ur = tr * tr - ti * ti;
            double ui = 2 * tr * ti;
            // numerator t * (1.410474 + u * 0.5641896)
            double ar = 1.410474 + 0.5641896 * ur;
            double ai = 0.5641896 * ui;
            double nr = tr * ar - ti * ai;
            double ni = tr * ai + ti * ar;
            // denominator 0.75 + u * (3 + u)
            double br = 3 + ur;
            double bi = ui;
            double dr = 0.75 + ur * br - ui * bi;
            double di = ur * bi + ui * br;
            return divRe(nr, ni, dr, di);
        }
        if (y >= 0.195 * Math.abs(x) - 0.176) {
            double[] num = horner(new double[] {0.5642236, 3.778987, 11.96482, 20.20933, 16.4955}, tr, ti);
            double[] den = horner(new double[] {1, 6.699398, 21.69274, 39.27121, 38.82363, 16.4955}, tr, ti);
            return divRe(num[0], num[1], den[0], den[1]);
        }
        double ur = tr * tr - ti * ti;
        double ui = 2 * tr * ti;
        // Polynomials in u with alternating signs, as in Humlíček's region IV.
        double[] num = horner(new double[] {-0.56419, 1.320522, -35.76683, 219.0313, -1540.787, 3321.9905,
                -36183.31}, ur, ui);
        double[] den = horner(new double[] {-1, 1.841439, -61.57037, 364.2191, -2186.181, 9022.228, -24322.84,
                32066.6}, ur, ui);
        // The listed coefficients give -(36183.31 - u(...)) and +(32066.6 - u(...)) respectively.
        double nr = -num[0];
        double ni = -num[1];
        double pr = tr * nr - ti * ni;
        double pi = tr * ni + ti * nr;
        double q = divRe(pr, pi, den[0], den[1]);
        double expRe = Math.exp(ur) * Math.cos(ui);
        return expRe - q;
    }

    /** Evaluates the polynomial with coefficients c (highest power first) at the complex z = (zr, zi). */
    private static double[] horner(double[] c, double zr, double zi) {
        double r = c[0];
        double i = 0;
        for (int k = 1; k < c.length; k++) {
            double nr = r * zr - i * zi + c[k];
            double ni = r * zi + i * zr;
            r = nr;
            i = ni;
        }
        return new double[] {r, i};
    }

    private static double divRe(double ar, double ai, double br, double bi) {
        return (ar * br + ai * bi) / (br * br + bi * bi);
    }
}
