package io.spinloop.lab.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spinloop.measurements.MapGrid;
import io.spinloop.measurements.SpectrumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link FieldMapFit} on a synthetic current × field map built from the auto-oscillator model: each row's f0 is the
 * intercept of f against P/I², Kittel's parameters come back, and the threshold line matches its model exactly.
 */
class FieldMapFitTest {
    @Test
    void aModelMapGivesItsParametersAndThresholdsBack() {
        double m = 1.0;
        double hk = 0.02;
        double[] currents = new double[20];
        for (int i = 0; i < currents.length; i++) {
            currents[i] = 0.6e-3 + 1e-4 * i;
        }
        double[] fields = new double[12];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = 0.01 * i;
        }
        int n = currents.length * fields.length;
        int[] ix = new int[n];
        int[] iy = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] peak = new double[n];
        double[] power = new double[n];
        double[] width = new double[n];
        double[][] spectra = new double[n][1];
        int k = 0;
        for (int r = 0; r < fields.length; r++) {
            double f0 = KittelFit.frequencyHz(fields[r], m, hk, 1.0);
            double ith = 2e-3 * (fields[r] + hk + m / 2); // I_th ∝ B + Hk + M/2: 1.04 mA at B = 0
            for (int c = 0; c < currents.length; c++) {
                double i = currents[c];
                double zeta = i / ith;
                double p = zeta > 1 ? (zeta - 1) / (zeta + 0.5) : 0;
                ix[k] = c;
                iy[k] = r;
                x[k] = i;
                y[k] = fields[r];
                power[k] = 1e-3 * i * i * p; // P ∝ I²·p
                peak[k] = p > 0 ? f0 - 1e9 * p : Double.NaN;
                width[k] = p > 0 ? 10e6 : Double.NaN;
                k++;
            }
        }
        double[] nan = new double[n];
        java.util.Arrays.fill(nan, Double.NaN);
        SpectrumMap map = new SpectrumMap(0, "d", true, new MapGrid("current", "A", currents, "field", "T", fields,
                "raster"), Map.of(), new double[] {1}, ix, iy, x, y, new int[n], spectra, peak, power, width,
                new double[n], nan, nan);
        FieldMapFit fit = FieldMapFit.of(map, true);
        for (int r = 0; r < fields.length; r++) {
            assertEquals(KittelFit.frequencyHz(fields[r], m, hk, 1), fit.f0Hz()[r], 1e3, "f0 of row " + r);
        }
        assertEquals(m, fit.kittel().effectiveMagnetisationT(), 1e-5);
        assertEquals(hk, fit.kittel().anisotropyFieldT(), 1e-7);
        assertEquals(2e-3, fit.thresholdScale(), 2e-3 * 0.01);
        assertEquals(0, fit.maxThresholdDeviation(), 0.01);
    }

    @Test
    void aMapOverRepeatsIsRefused() {
        SpectrumMap map = new SpectrumMap(0, "d", true, new MapGrid("current", "A", new double[] {1e-3}, "repeat",
                "1", new double[] {0}, "raster"), Map.of(), new double[] {1}, new int[0], new int[0], new double[0],
                new double[0], new int[0], new double[0][], new double[0], new double[0], new double[0],
                new double[0], new double[0], new double[0]);
        assertThrows(IllegalArgumentException.class, () -> FieldMapFit.of(map, true));
    }
}
