package io.spinloop.app.measure;

/**
 * Fits the stationary power curve of an auto-oscillator to a sweep's p(I): emitted power
 * {@code P(I) = A·I²·p₀(I)} with {@code p₀ = (I/I_th − 1)/(I/I_th + Q)} above threshold and 0 below
 * (DESIGN.md; seed 003 eq. 3). Gives the threshold I_th, the nonlinear damping Q and the scale A.
 *
 * <p>A is linear given (I_th, Q), so it is solved in closed form while (I_th, Q) are found by a coarse
 * grid refined three times around the best cell: robust (no starting guess) and fast for a few hundred points.
 *
 * @param thresholdA I_th, A
 * @param q          nonlinear damping Q
 * @param scaleWPerA2 A, W/A²
 * @param rmsW       rms residual, W
 */
public record PowerCurveFit(double thresholdA, double q, double scaleWPerA2, double rmsW) {
    private static final double Q_MAX = 5.0;

    /** Normalized power p₀ of the curve at current {@code i}. */
    public double normalizedPower(double i) {
        double x = Math.abs(i) / thresholdA;
        return x <= 1 ? 0 : (x - 1) / (x + q);
    }

    public double powerW(double i) {
        return scaleWPerA2 * i * i * normalizedPower(i);
    }

    public static PowerCurveFit fit(double[] currentA, double[] powerW) {
        double iMin = Double.MAX_VALUE;
        double iMax = 0;
        for (double i : currentA) {
            iMin = Math.min(iMin, Math.abs(i));
            iMax = Math.max(iMax, Math.abs(i));
        }
        double lo = Math.max(iMin, iMax * 1e-3);
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
                    PowerCurveFit f = solveScale(currentA, powerW, ith, q);
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

    private static PowerCurveFit solveScale(double[] current, double[] power, double ith, double q) {
        double sgg = 0;
        double sgp = 0;
        for (int k = 0; k < current.length; k++) {
            double g = shape(current[k], ith, q);
            sgg += g * g;
            sgp += g * power[k];
        }
        if (sgg <= 0) {
            return null;
        }
        double a = Math.max(0, sgp / sgg);
        double ss = 0;
        for (int k = 0; k < current.length; k++) {
            double r = power[k] - a * shape(current[k], ith, q);
            ss += r * r;
        }
        return new PowerCurveFit(ith, q, a, Math.sqrt(ss / current.length));
    }

    private static double shape(double i, double ith, double q) {
        double x = Math.abs(i) / ith;
        return x <= 1 ? 0 : i * i * (x - 1) / (x + q);
    }
}
