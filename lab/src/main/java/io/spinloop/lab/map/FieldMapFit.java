package io.spinloop.lab.map;

import io.spinloop.measurements.SpectrumMap;
import java.util.Arrays;

/**
 * The field dependence a current × field map shows, fitted: Kittel's f0(B) ({@link KittelFit}) to each row's
 * free-running frequency, and the measured threshold line I_th(B) ({@link ThresholdLine}) against the
 * auto-oscillator model's I_th ∝ Γ_G(B) = α·2π(f_H + f_M/2) (docs/field-physics.md).
 *
 * <p><b>f0 of a row.</b> In the auto-oscillator model the line sits at f = f0 + (N/2π)·p, and an MTJ oscillator
 * emits P ∝ I²·p (the magnetoresistive signal of its own drive current); both are linear in the power p, also on
 * average under noise, so f is linear in P/I² and f0 is the intercept of a straight line fitted to (P/I², f) over the
 * row's points where a line was found. This uses every detected point, needs no threshold, and does not assume
 * where along the current axis p is small.
 *
 * <p><b>B of a row.</b> The mean over the row's points of the field read back (the gaussmeter), else as set.
 *
 * <p><b>The threshold model.</b> With f_H = (γ/2π)(B + μ0H_k) and f_M = (γ/2π)μ0M_eff from the Kittel fit,
 * I_th(B) = c·(B + μ0H_k + μ0M_eff/2); c (which holds α and the spin-torque efficiency σ) is fitted by least squares
 * to the rows whose threshold is determined, so the comparison is of the shape (ratio form).
 *
 * @param fieldT           B of each row (the slow axis must be the field, in T)
 * @param f0Hz             f0 of each row, NaN where fewer than 3 points of the row have a line
 * @param thresholdA       I_th measured on each row, NaN where not determined
 * @param thresholdModelA  I_th of the model at each row's B
 * @param kittel           the Kittel fit over the rows with an f0
 * @param thresholdScale   c, A/T
 */
public record FieldMapFit(double[] fieldT, double[] f0Hz, double[] thresholdA, double[] thresholdModelA,
                          KittelFit kittel, double thresholdScale) {

    /** Fewest points with a line for a row's f0. */
    static final int MIN_POINTS = 3;

    /**
     * Fits a map whose fast axis is the current and slow axis the field.
     *
     * @param fitScale fit a scale of f0 too ({@link KittelFit}); needed where the device's f0 differs from the
     *                 free layer's Kittel frequency by a factor (a drawn device)
     * @throws IllegalArgumentException when the map is not over current × field, or too few rows have an f0
     */
    public static FieldMapFit of(SpectrumMap map, boolean fitScale) {
        if (!"current".equals(map.grid().xName()) || !"field".equals(map.grid().yName())) {
            throw new IllegalArgumentException("map " + map.index() + " is over " + map.grid().xName() + " × "
                    + map.grid().yName() + "; a field fit needs current × field");
        }
        int ny = map.grid().y().length;
        double[] field = new double[ny];
        double[] f0 = new double[ny];
        for (int iy = 0; iy < ny; iy++) {
            double bSum = 0;
            int bN = 0;
            double[] u = new double[map.points()];
            double[] f = new double[map.points()];
            int n = 0;
            for (int k = 0; k < map.points(); k++) {
                if (map.iy()[k] != iy) {
                    continue;
                }
                bSum += map.yAt(k);
                bN++;
                double i = map.x()[k];
                if (map.powerW()[k] > 0 && Double.isFinite(map.peakFrequencyHz()[k]) && i != 0) {
                    u[n] = map.powerW()[k] / (i * i);
                    f[n] = map.peakFrequencyHz()[k];
                    n++;
                }
            }
            field[iy] = bN > 0 ? bSum / bN : map.grid().y()[iy];
            f0[iy] = n >= MIN_POINTS ? intercept(Arrays.copyOf(u, n), Arrays.copyOf(f, n)) : Double.NaN;
        }
        int m = 0;
        for (double v : f0) {
            m += Double.isFinite(v) ? 1 : 0;
        }
        double[] b = new double[m];
        double[] fm = new double[m];
        for (int iy = 0, j = 0; iy < ny; iy++) {
            if (Double.isFinite(f0[iy])) {
                b[j] = field[iy];
                fm[j++] = f0[iy];
            }
        }
        KittelFit kittel = KittelFit.fit(b, fm, fitScale);
        double[] th = ThresholdLine.of(map).thresholdA();
        double[] shape = new double[ny];
        double num = 0;
        double den = 0;
        for (int iy = 0; iy < ny; iy++) {
            shape[iy] = field[iy] + kittel.anisotropyFieldT() + kittel.effectiveMagnetisationT() / 2;
            if (Double.isFinite(th[iy])) {
                num += th[iy] * shape[iy];
                den += shape[iy] * shape[iy];
            }
        }
        double c = den > 0 ? num / den : Double.NaN;
        double[] model = new double[ny];
        for (int iy = 0; iy < ny; iy++) {
            model[iy] = c * shape[iy];
        }
        return new FieldMapFit(field, f0, th, model, kittel, c);
    }

    /** The largest |I_th measured / model − 1| over the rows with a measured threshold; NaN when there is none. */
    public double maxThresholdDeviation() {
        double worst = Double.NaN;
        for (int iy = 0; iy < thresholdA.length; iy++) {
            if (Double.isFinite(thresholdA[iy])) {
                double d = Math.abs(thresholdA[iy] / thresholdModelA[iy] - 1);
                worst = Double.isNaN(worst) ? d : Math.max(worst, d);
            }
        }
        return worst;
    }

    /** Intercept of the least-squares straight line f = a + b·u. */
    static double intercept(double[] u, double[] f) {
        int n = u.length;
        double mu = 0;
        double mf = 0;
        for (int k = 0; k < n; k++) {
            mu += u[k] / n;
            mf += f[k] / n;
        }
        double suu = 0;
        double suf = 0;
        for (int k = 0; k < n; k++) {
            suu += (u[k] - mu) * (u[k] - mu);
            suf += (u[k] - mu) * (f[k] - mf);
        }
        return suu > 0 ? mf - suf / suu * mu : mf;
    }
}
