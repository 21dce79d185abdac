package io.spinloop.lab.map;

import io.spinloop.lab.sweep.PowerCurveFit;
import io.spinloop.measurements.SpectrumMap;

/**
 * The threshold current at each value of a map's slow axis, I_th(y): the p(I) model fitted to each row's powers
 * ({@link PowerCurveFit}), NaN where a row's data do not determine it (too few points, no line above threshold).
 *
 * @param y           the slow axis's values
 * @param thresholdA  I_th of each row, NaN where not determined
 * @param notes       for each row, why it is not determined ("" where it is)
 */
public record ThresholdLine(double[] y, double[] thresholdA, String[] notes) {

    /** Fits each row of {@code map} whose fast axis is the current. */
    public static ThresholdLine of(SpectrumMap map) {
        int ny = map.grid().y().length;
        double[] th = new double[ny];
        String[] notes = new String[ny];
        for (int iy = 0; iy < ny; iy++) {
            int nx = map.grid().x().length;
            double[] current = new double[nx];
            double[] power = new double[nx];
            int n = 0;
            for (int ix = 0; ix < nx; ix++) {
                int k = map.pointAt(ix, iy);
                if (k >= 0) {
                    current[n] = map.x()[k];
                    power[n] = map.powerW()[k];
                    n++;
                }
            }
            PowerCurveFit.Outcome fit = PowerCurveFit.attempt(java.util.Arrays.copyOf(current, n),
                    java.util.Arrays.copyOf(power, n));
            th[iy] = fit.determined() ? fit.fit().thresholdA() : Double.NaN;
            notes[iy] = fit.determined() ? "" : fit.notDetermined();
        }
        return new ThresholdLine(map.grid().y(), th, notes);
    }
}
