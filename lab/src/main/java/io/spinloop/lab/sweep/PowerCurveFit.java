package io.spinloop.lab.sweep;

/**
 * Fits the stationary power curve of an auto-oscillator to a sweep's p(I): emitted power
 * {@code P(I) = A·I²·p₀(I)} with {@code p₀ = (I/I_th − 1)/(I/I_th + Q)} above threshold and 0 below
 * (DESIGN.md; seed 003 eq. 3). Gives the threshold I_th, the nonlinear damping Q and the scale A.
 *
 * <p>A is linear given (I_th, Q), so it is solved in closed form while (I_th, Q) are found by a coarse
 * grid refined three times around the best cell: robust (no starting guess) and fast for a few hundred points.
 * Near threshold thermal fluctuations lift the mean power above the deterministic curve (the stationary
 * density of p is a truncated Gaussian whose mean exceeds its mode p₀), so after a first fit of all points
 * the curve is refitted, in relative error, to the points above {@value #ABOVE} × I_th only.
 *
 * @param thresholdA I_th, A
 * @param q          nonlinear damping Q
 * @param scaleWPerA2 A, W/A²
 * @param rmsW       rms residual: W, or relative for the final fit above threshold
 */
public record PowerCurveFit(double thresholdA, double q, double scaleWPerA2, double rmsW) {
    private static final double Q_MAX = 5.0;
    /** The grid's lowest threshold, as a share of the largest current. */
    static final double LOWEST_THRESHOLD = 0.02;
    /** Currents above this multiple of the first threshold estimate enter the final fit. */
    static final double ABOVE = 1.2;

    /** Normalized power p₀ of the curve at current {@code i}. */
    public double normalizedPower(double i) {
        double x = Math.abs(i) / thresholdA;
        return x <= 1 ? 0 : (x - 1) / (x + q);
    }

    public double powerW(double i) {
        return scaleWPerA2 * i * i * normalizedPower(i);
    }

    /** Points with a line (power above 0) the fit needs: it has three unknowns. */
    static final int MIN_ABOVE = 3;

    /**
     * The fit of a sweep, or why the sweep does not determine one ({@code fit} null, {@code notDetermined} the reason
     * in words, e.g. "no point above threshold among 1 point"). A number the data do not determine is not a result.
     */
    public record Outcome(PowerCurveFit fit, String notDetermined) {
        public boolean determined() {
            return fit != null;
        }
    }

    /** Fits {@code powerW(currentA)} when the points can determine the curve; says why not otherwise. */
    public static Outcome attempt(double[] currentA, double[] powerW) {
        int n = currentA.length;
        int above = 0;
        for (int k = 0; k < n; k++) {
            if (powerW[k] > 0 && Double.isFinite(powerW[k]) && Double.isFinite(currentA[k])) {
                above++;
            }
        }
        String among = " among " + n + (n == 1 ? " point" : " points");
        if (above == 0) {
            return new Outcome(null, "no point above threshold" + among);
        }
        if (above < MIN_ABOVE) {
            return new Outcome(null, "only " + above + (above == 1 ? " point" : " points") + " above threshold" + among
                    + "; the fit needs at least " + MIN_ABOVE);
        }
        PowerCurveFit f;
        try {
            f = fit(currentA, powerW);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, e.getMessage());
        }
        if (!(Double.isFinite(f.thresholdA()) && Double.isFinite(f.q()) && f.scaleWPerA2() > 0
                && Double.isFinite(f.scaleWPerA2()))) {
            return new Outcome(null, "the fit did not converge");
        }
        double iMax = 0;
        for (double i : currentA) {
            iMax = Math.max(iMax, Math.abs(i));
        }
        if (f.thresholdA() <= LOWEST_THRESHOLD * iMax * (1 + 1e-9)) {
            return new Outcome(null, "the fit ran into the lowest threshold it tries (" + LOWEST_THRESHOLD
                    + " of the largest current): the sweep does not show where the oscillation starts");
        }
        return new Outcome(f, null);
    }

    public static PowerCurveFit fit(double[] currentA, double[] powerW) {
        PowerCurveFit first = gridFit(currentA, powerW, false);
        int n = 0;
        for (int k = 0; k < currentA.length; k++) {
            if (Math.abs(currentA[k]) >= ABOVE * first.thresholdA && powerW[k] > 0) {
                n++;
            }
        }
        if (n < 4) {
            return first;
        }
        double[] i = new double[n];
        double[] p = new double[n];
        n = 0;
        for (int k = 0; k < currentA.length; k++) {
            if (Math.abs(currentA[k]) >= ABOVE * first.thresholdA && powerW[k] > 0) {
                i[n] = currentA[k];
                p[n++] = powerW[k];
            }
        }
        return gridFit(i, p, true);
    }

    private static PowerCurveFit gridFit(double[] currentA, double[] powerW, boolean relative) {
        double iMin = Double.MAX_VALUE;
        double iMax = 0;
        for (double i : currentA) {
            iMin = Math.min(iMin, Math.abs(i));
            iMax = Math.max(iMax, Math.abs(i));
        }
        double lo = iMax * LOWEST_THRESHOLD;
        double hi = iMax;
        double qLo = 0;
        double qHi = Q_MAX;
        PowerCurveFit best = null;
        for (int round = 0; round < 4; round++) {
            int n = 60;
            for (int a = 0; a <= n; a++) {
                double ith = lo + (hi - lo) * a / n;
                for (int b = 0; b <= n; b++) {
                    double q = qLo + (qHi - qLo) * b / n;
                    PowerCurveFit f = solveScale(currentA, powerW, ith, q, relative);
                    if (f != null && (best == null || f.rmsW < best.rmsW)) {
                        best = f;
                    }
                }
            }
            if (best == null) {
                break;
            }
            double di = 2 * (hi - lo) / n;
            double dq = 2 * (qHi - qLo) / n;
            lo = Math.max(1e-12, best.thresholdA - di);
            hi = best.thresholdA + di;
            qLo = Math.max(0, best.q - dq);
            qHi = best.q + dq;
        }
        if (best == null) {
            throw new IllegalArgumentException("no current above a threshold: cannot fit p(I)");
        }
        return best;
    }

    /** Best scale for (ith, q); residuals weighted by 1/power when {@code relative}. */
    private static PowerCurveFit solveScale(double[] current, double[] power, double ith, double q, boolean relative) {
        double sgg = 0;
        double sgp = 0;
        for (int k = 0; k < current.length; k++) {
            double w = relative ? 1 / (power[k] * power[k]) : 1;
            double g = shape(current[k], ith, q);
            sgg += w * g * g;
            sgp += w * g * power[k];
        }
        if (sgg <= 0) {
            return null;
        }
        double a = Math.max(0, sgp / sgg);
        double ss = 0;
        for (int k = 0; k < current.length; k++) {
            double r = power[k] - a * shape(current[k], ith, q);
            ss += relative ? r * r / (power[k] * power[k]) : r * r;
        }
        return new PowerCurveFit(ith, q, a, Math.sqrt(ss / current.length));
    }

    private static double shape(double i, double ith, double q) {
        double x = Math.abs(i) / ith;
        return x <= 1 ? 0 : i * i * (x - 1) / (x + q);
    }
}
