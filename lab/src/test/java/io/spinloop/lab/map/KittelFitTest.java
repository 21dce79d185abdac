package io.spinloop.lab.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link KittelFit} on synthetic f0(B): exact data give the parameters back to rounding; noisy data give them back
 * within their stated standard errors; a scale in the data is recovered only when fitted.
 */
class KittelFitTest {
    private static double[] fields(double from, double to, int n) {
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = from + (to - from) * i / (n - 1);
        }
        return b;
    }

    private static double[] kittel(double[] b, double m, double hk, double s) {
        double[] f = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            f[i] = KittelFit.frequencyHz(b[i], m, hk, s);
        }
        return f;
    }

    @Test
    void exactDataGiveTheParametersBack() {
        double[] b = fields(0, 0.1, 11);
        KittelFit fit = KittelFit.fit(b, kittel(b, 0.8, 0.015, 1.03), true);
        assertEquals(0.8, fit.effectiveMagnetisationT(), 1e-7);
        assertEquals(0.015, fit.anisotropyFieldT(), 1e-9);
        assertEquals(1.03, fit.scale(), 1e-8);
        assertTrue(fit.rmsResidualHz() < 1, "rms " + fit.rmsResidualHz());

        KittelFit fixed = KittelFit.fit(b, kittel(b, 1.2, 0.03, 1), false);
        assertEquals(1.2, fixed.effectiveMagnetisationT(), 1e-8);
        assertEquals(0.03, fixed.anisotropyFieldT(), 1e-10);
        assertEquals(1.0, fixed.scale());
        assertEquals(0.0, fixed.sigmaScale());
    }

    @Test
    void noisyDataGiveThemBackWithinTheirStandardErrors() {
        double[] b = fields(0, 0.11, 23);
        double m = 1.0;
        double hk = 0.02;
        Random rng = new Random(3);
        int within = 0;
        int trials = 40;
        for (int t = 0; t < trials; t++) {
            double[] f = kittel(b, m, hk, 0.99);
            for (int i = 0; i < f.length; i++) {
                f[i] += 5e6 * rng.nextGaussian(); // 5 MHz: the rms residual of f0 on the emulated bench
            }
            KittelFit fit = KittelFit.fit(b, f, true);
            assertEquals(m, fit.effectiveMagnetisationT(), 5 * fit.sigmaMT(), "trial " + t);
            assertEquals(hk, fit.anisotropyFieldT(), 5 * fit.sigmaHkT(), "trial " + t);
            assertEquals(5e6, fit.rmsResidualHz(), 3e6, "trial " + t);
            if (Math.abs(fit.effectiveMagnetisationT() - m) < fit.sigmaMT()
                    && Math.abs(fit.anisotropyFieldT() - hk) < fit.sigmaHkT()) {
                within++;
            }
        }
        // Both within one standard error: ~0.68² of trials if the errors are right (they are correlated, so more).
        assertTrue(within >= trials / 4 && within <= trials * 9 / 10, within + " of " + trials);
    }

    @Test
    void aScaleInTheDataIsAbsorbedOnlyWhenFitted() {
        double[] b = fields(0, 0.1, 11);
        double[] f = kittel(b, 1.0, 0.02, 1.02); // a device drawn 2 % above the free layer's frequency
        KittelFit fixed = KittelFit.fit(b, f, false);
        assertTrue(Math.abs(fixed.effectiveMagnetisationT() - 1.0) > 0.02, "s = 1 biases Meff: "
                + fixed.effectiveMagnetisationT());
        KittelFit free = KittelFit.fit(b, f, true);
        assertEquals(1.0, free.effectiveMagnetisationT(), 1e-6);
    }

    @Test
    void tooFewFieldsAreRefused() {
        double[] b = {0.01, 0.02, 0.03};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KittelFit.fit(b, kittel(b, 1, 0.02, 1), true));
        assertTrue(e.getMessage().contains("3 fields for 3 parameters"), e.getMessage());
    }
}
