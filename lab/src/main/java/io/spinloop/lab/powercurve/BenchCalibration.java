package io.spinloop.lab.powercurve;

import io.spinloop.twin.physics.PowerCurve;

/**
 * The power curve of one bench oscillator, measured and fitted to seed 003 eq. 4 with an emission scale:
 * {@code P(I) = kappa I^2 p(I/u)} (an STNO emits about I^2 times its normalized power), with currents in
 * units u ({@code currentUnit}, e.g. 1 mA) so that a threshold of about one unit matches the seed's Ic = 1.
 * The normalized power the network sees is then {@code p = P / (kappa I^2)}.
 *
 * <p>This is the "power curve generated before training" that seed 003 asks of each device: the
 * network is trained on the fitted curves, then run on the oscillators themselves.
 *
 * @param rmsResidual rms misfit of the emitted power, as a fraction of the largest measured power
 * @param powerNoise rms scatter of the normalized power about the fitted curve above threshold
 */
public record BenchCalibration(String device, double currentUnit, double kappa, PowerCurve curve, double rmsResidual,
        double powerNoise) {

    /** Normalized power from a measured emitted power at {@code amps}. */
    public double normalizedPower(double watts, double amps) {
        if (amps <= 0) {
            return 0;
        }
        return Math.max(0, watts / (kappa * amps * amps));
    }

    /**
     * Sweeps the oscillator from 0 to its current ceiling in {@code points} steps and fits eq. 4 with its
     * scale kappa by Nelder-Mead on relative residuals.
     */
    public static BenchCalibration measure(BenchOscillator osc, double currentUnit, int points) {
        if (points < 8) {
            throw new IllegalArgumentException("a calibration needs at least 8 points, got " + points);
        }
        double[] amps = new double[points];
        double[] watts = new double[points];
        for (int i = 0; i < points; i++) {
            amps[i] = osc.maxCurrent() * (i + 1) / points;
            watts[i] = osc.emittedPower(amps[i]);
        }
        return fit(osc.name(), amps, watts, currentUnit);
    }

    /** Fits measured (amps, watts) pairs. */
    public static BenchCalibration fit(String device, double[] amps, double[] watts, double currentUnit) {
        int n = amps.length;
        double pMax = 0;
        int iMax = 0;
        for (int i = 0; i < n; i++) {
            if (watts[i] > pMax) {
                pMax = watts[i];
                iMax = i;
            }
        }
        if (!(pMax > 0)) {
            throw new IllegalStateException(device + ": no emitted power anywhere up to " + amps[n - 1]
                    + " A: the device does not oscillate (dead, or threshold above the safety limit)");
        }
        // first guess: threshold where the power first exceeds 5 % of its largest value
        double ic = amps[iMax] / currentUnit / 2;
        for (int i = 0; i < n; i++) {
            if (watts[i] > 0.05 * pMax) {
                ic = Math.max(1e-3, amps[Math.max(0, i - 1)] / currentUnit);
                break;
            }
        }
        double iTop = amps[iMax] / currentUnit;
        double q0 = 1.0;
        double g = (iTop - ic) / (iTop + q0 * ic);
        double kappa0 = pMax / (amps[iMax] * amps[iMax] * Math.max(g, 1e-3));
        // unknowns: log kappa, a, b/a (the tanh centre), Ic, log Q
        double[] x0 = {Math.log(kappa0), 8.0, Math.max(0.1, ic), Math.max(0.1, ic), Math.log(q0)};
        double scale = pMax;
        java.util.function.ToDoubleFunction<double[]> cost = x -> {
            double kappa = Math.exp(x[0]);
            double a = x[1];
            double centre = x[2];
            double c = x[3];
            double q = Math.exp(x[4]);
            // bounds keep the fit identifiable: with Q free, kappa and Q trade off (P ~ kappa/Q I^2 (I - Ic))
            if (!(c >= 0.1 && c <= 10) || !(a >= 1 && a <= 100) || !(centre >= 0 && centre <= 2 * c)
                    || !(q >= 0.05 && q <= 10) || !Double.isFinite(kappa)) {
                return Double.POSITIVE_INFINITY;
            }
            PowerCurve pc = new PowerCurve(a, a * centre, c, q);
            double s = 0;
            for (int i = 0; i < n; i++) {
                double model = kappa * amps[i] * amps[i] * pc.power(amps[i] / currentUnit);
                double r = (model - watts[i]) / scale;
                s += r * r;
            }
            return s / n;
        };
        double[] best = NelderMead.minimize(cost, x0, new double[] {0.3, 3.0, 0.2 * ic, 0.2 * ic, 0.5}, 4000);
        double a = best[1];
        PowerCurve curve = new PowerCurve(a, a * best[2], best[3], Math.exp(best[4]));
        double kappa = Math.exp(best[0]);
        // scatter of the normalized power about the fitted curve above threshold: what training should expect
        double s2 = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            double iu = amps[i] / currentUnit;
            if (iu > curve.criticalCurrent()) {
                double r = watts[i] / (kappa * amps[i] * amps[i]) - curve.power(iu);
                s2 += r * r;
                m++;
            }
        }
        double noise = m > 1 ? Math.sqrt(s2 / (m - 1)) : 0;
        return new BenchCalibration(device, currentUnit, kappa, curve, Math.sqrt(cost.applyAsDouble(best)), noise);
    }
}
