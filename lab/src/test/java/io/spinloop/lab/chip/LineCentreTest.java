package io.spinloop.lab.chip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.analyzer.SpectrumTrace;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Line tracking's estimate of where the line is: a 10 MHz line in a 200 MHz sweep of 1,001 points, each point read
 * with one look (exponential detected noise, as the tracking sweep reads it). The peak marker wanders over the line's
 * top by megahertz from sweep to sweep; the line's centre must wander far less, since every list's readings are
 * offset by the error of the retune before it.
 */
class LineCentreTest {
    private static final double LINE_HZ = 4.6123e9;
    private static final double FWHM_HZ = 10e6;

    @Test
    void theCentreWandersLessThanHalfThePeakMarkersWay() {
        SplittableRandom rng = new SplittableRandom(17);
        double markerSq = 0;
        double centreSq = 0;
        int sweeps = 300;
        for (int s = 0; s < sweeps; s++) {
            double truth = LINE_HZ + 2e6 * (rng.nextDouble() - 0.5);
            SpectrumTrace trace = noisyLine(truth, rng);
            int top = 0;
            for (int i = 0; i < trace.points(); i++) {
                if (trace.powerDbm()[i] > trace.powerDbm()[top]) {
                    top = i;
                }
            }
            double marker = trace.frequencyHz()[top];
            double centre = LineCentre.of(trace, marker);
            markerSq += (marker - truth) * (marker - truth);
            centreSq += (centre - truth) * (centre - truth);
        }
        double markerRms = Math.sqrt(markerSq / sweeps);
        double centreRms = Math.sqrt(centreSq / sweeps);
        assertTrue(markerRms > 1e6, "the setting: a marker that wanders by megahertz, got " + markerRms + " Hz");
        assertTrue(centreRms < markerRms / 2.5 && centreRms < 0.8e6,
                "centre rms error " + centreRms + " Hz against the marker's " + markerRms + " Hz");
    }

    @Test
    void aTraceTooShortToTellKeepsTheMarker() {
        SpectrumTrace t = new SpectrumTrace(new double[] {1e9, 2e9, 3e9}, new float[] {-90, -40, -90});
        assertTrue(LineCentre.of(t, 2e9) == 2e9);
    }

    /** A Lorentzian line 40 dB over the floor at {@code centre}, each point times an exponential draw (one look). */
    private static SpectrumTrace noisyLine(double centre, SplittableRandom rng) {
        int n = 1001;
        double[] f = new double[n];
        float[] p = new float[n];
        double hw = FWHM_HZ / 2;
        for (int i = 0; i < n; i++) {
            f[i] = 4.5e9 + 200e6 * i / (n - 1);
            double d = (f[i] - centre) / hw;
            double watts = 1e-9 / (1 + d * d) + 1e-13;
            double look = -Math.log(1 - rng.nextDouble());
            p[i] = (float) (10 * Math.log10(watts * look * 1e3));
        }
        return new SpectrumTrace(f, p);
    }
}
