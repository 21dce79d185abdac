package io.spinloop.emulator.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Statistics of the oscillator model against the seeds' formulas, with fixed seeds and sample-size tolerances. */
class StnoTest {
    private static final DeviceParameters EXACT = DeviceParameters.defaults().withoutVariation();

    private static Stno deviceAt(double current) {
        Stno d = new Stno("d", EXACT, 11);
        CurrentTimeline drive = new CurrentTimeline();
        d.connect(drive);
        drive.set(0, current);
        return d;
    }

    /** N independent looks, 1 ms apart (many relaxation times), no averaging window. */
    private static double[] sample(Stno d, int n, long seed) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1 + i * 1e-3;
        }
        double[] p = new double[n];
        d.observe(t, n, 0, new SplittableRandom(seed), p, new double[n]);
        return p;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double sd(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.5, 2.0, 3.0})
    void stationaryPowerIsSeed003sCurve(double overdrive) {
        Stno d = deviceAt(overdrive * 1e-3);
        int n = 20_000;
        double[] p = sample(d, n, 5);
        double q = EXACT.nonlinearDamping();
        double p0 = (overdrive - 1) / (overdrive + q);
        double expectedSd = Math.sqrt(d.noiseStrength() / (d.gammaG() * (q + overdrive)));
        // 5 standard errors of the sample mean
        assertEquals(p0, mean(p), 5 * expectedSd / Math.sqrt(n));
        // the spread is the stationary Gaussian's, within 5 standard errors of a sample standard deviation
        assertEquals(expectedSd, sd(p), 5 * expectedSd / Math.sqrt(2.0 * (n - 1)));
    }

    @Test
    void belowThresholdOnlyThermalPower() {
        double[] p = sample(deviceAt(0.5e-3), 20_000, 6);
        Stno d = deviceAt(0.5e-3);
        // exponential-like density with mean ≈ D/(Γ_G − σI)
        double expected = d.noiseStrength() / (d.gammaG() * 0.5);
        assertEquals(expected, mean(p), 0.05 * expected);
        assertTrue(mean(p) < 0.01);
    }

    @Test
    void thresholdSeparatesTheRegimes() {
        double below = mean(sample(deviceAt(0.9e-3), 5000, 7));
        double above = mean(sample(deviceAt(1.1e-3), 5000, 8));
        assertTrue(below < 0.02, "below threshold " + below);
        assertEquals(0.1 / 1.6, above, 0.01);
    }

    @Test
    void closeLooksAreCorrelatedLikeTheOrnsteinUhlenbeckProcess() {
        Stno d = deviceAt(2e-3);
        OperatingPoint op = d.operatingPoint(1, 2e-3);
        double lag = 0.5 / op.relaxationRate();
        int pairs = 20_000;
        double[] t = new double[2 * pairs];
        for (int i = 0; i < pairs; i++) {
            t[2 * i] = 1 + i * 1e-6;
            t[2 * i + 1] = t[2 * i] + lag;
        }
        double[] p = new double[t.length];
        d.observe(t, t.length, 0, new SplittableRandom(9), p, new double[t.length]);
        double[] a = new double[pairs];
        double[] b = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            a[i] = p[2 * i];
            b[i] = p[2 * i + 1];
        }
        double ma = mean(a);
        double mb = mean(b);
        double cov = 0;
        for (int i = 0; i < pairs; i++) {
            cov += (a[i] - ma) * (b[i] - mb);
        }
        double rho = cov / (pairs - 1) / (sd(a) * sd(b));
        assertEquals(Math.exp(-0.5), rho, 5 * (1 - Math.exp(-1)) / Math.sqrt(pairs));
    }

    @Test
    void linewidthAndPowerAtTwiceThresholdAreTheCalibration() {
        Stno d = deviceAt(2e-3);
        OperatingPoint op = d.operatingPoint(1, 2e-3);
        assertEquals(10e6, op.linewidth(), 0.02 * 10e6);
        assertEquals(-40, 10 * Math.log10(op.emittedPower(op.meanPower()) * 1e3), 0.05);
        // red shift: the line sits N/2π · p below f₀
        assertEquals(5e9 - 1e9 * op.meanPower(), op.frequency(op.meanPower()), 1);
        // a higher current narrows the line (more power, less phase diffusion)
        assertTrue(d.operatingPoint(1, 3e-3).linewidth() < op.linewidth());
    }

    @Test
    void deviceToDeviceSpreadHasTheConfiguredWidths() {
        int n = 2000;
        double[] ith = new double[n];
        double[] f0 = new double[n];
        double[] q = new double[n];
        DeviceParameters nominal = DeviceParameters.defaults();
        SplittableRandom seeds = new SplittableRandom(12);
        for (int i = 0; i < n; i++) {
            Stno d = new Stno("d" + i, nominal, seeds.nextLong());
            ith[i] = d.thresholdCurrent() / nominal.thresholdCurrentA() - 1;
            f0[i] = d.frequency() / nominal.frequencyHz() - 1;
            q[i] = d.damping() / nominal.nonlinearDamping() - 1;
        }
        double tol = 5 / Math.sqrt(2.0 * (n - 1)); // relative standard error of a standard deviation, ×5
        assertEquals(0.05, sd(ith), 0.05 * tol);
        assertEquals(0.02, sd(f0), 0.02 * tol);
        assertEquals(0.10, sd(q), 0.10 * tol);
        assertEquals(0, mean(ith), 5 * 0.05 / Math.sqrt(n));
    }

    @Test
    void sameSeedSameDevice() {
        Stno a = new Stno("a", DeviceParameters.defaults(), 77);
        Stno b = new Stno("b", DeviceParameters.defaults(), 77);
        assertEquals(a.thresholdCurrent(), b.thresholdCurrent());
        assertEquals(a.frequency(), b.frequency());
    }

    @Test
    void driftIsSlowAndSmall() {
        Stno d = new Stno("d", EXACT.withDrift(0.001), 3);
        double f1 = d.operatingPoint(10, 2e-3).frequency(0);
        double f2 = d.operatingPoint(10.001, 2e-3).frequency(0);
        double f3 = d.operatingPoint(1000, 2e-3).frequency(0);
        assertTrue(Math.abs(f2 - f1) < 1e3, "a millisecond moves f0 by less than a kHz");
        assertTrue(Math.abs(f3 - f1) > 1e3, "minutes move it");
        assertTrue(Math.abs(f3 / 5e9 - 1) < 0.0045, "within a few RMS amplitudes");
    }

    @Test
    void aDamagingCurrentKillsTheDeviceForGood() {
        Stno d = new Stno("d", EXACT, 1);
        CurrentTimeline drive = new CurrentTimeline();
        d.connect(drive);
        drive.set(1, 2e-3);
        assertFalse(d.isDead(2));
        drive.set(3, 4.5e-3);
        drive.set(4, 2e-3);
        assertTrue(d.isDead(3.5));
        double[] p = new double[1];
        d.observe(new double[] {5}, 1, 0, new SplittableRandom(1), p, new double[1]);
        assertEquals(0, p[0]);
        assertFalse(d.isDead(2.5), "the past is unchanged");
    }

    @Test
    void aCurrentStepShowsTheNanosecondTransient() {
        Stno d = new Stno("d", EXACT, 4);
        CurrentTimeline drive = new CurrentTimeline();
        d.connect(drive);
        drive.set(0, 0);
        drive.set(1, 2e-3);
        double[] t = new double[200];
        for (int i = 0; i < t.length; i++) {
            t[i] = 1 - 10e-9 + i * 1e-9;
        }
        double[] p = new double[t.length];
        d.observe(t, t.length, 0, new SplittableRandom(2), p, new double[t.length]);
        assertTrue(p[5] < 0.01, "still off just before the step");
        assertTrue(p[25] < 0.3, "still rising 15 ns after the step: " + p[25]);
        assertEquals(0.4, p[199], 0.06);
    }

    /**
     * 2 ns after a step down from 2.5 to 1.3 I_th (the decay that carries Q), the distribution of p is the
     * equation's: mean and spread against a Monte Carlo of dp = −2(α + βp)p dt + 2D dt + 2√(Dp) dW with steps of
     * 0.001 of the local relaxation time. Euler–Maruyama on p with sub-steps sized by the new operating point's
     * (five times slower) rate decayed too fast by over a quarter of a standard deviation and biased the
     * twin's Q by +10 %.
     */
    @Test
    void twoNanosecondsAfterAStepDownPowerFollowsTheEquation() {
        Stno d = new Stno("d", EXACT, 4);
        CurrentTimeline drive = new CurrentTimeline();
        d.connect(drive);
        int n = 20_000;
        double[] emulated = new double[n];
        SplittableRandom rng = new SplittableRandom(3);
        double[] p = new double[1];
        for (int k = 0; k < n; k++) {
            double step = 1 + k * 1e-6; // 1 µs apart: each look starts from the stationary state at 2.5 mA
            drive.set(step - 0.5e-6, 2.5e-3);
            drive.set(step, 1.3e-3);
            d.observe(new double[] {step + 2e-9}, 1, 0, rng, p, new double[1]);
            emulated[k] = p[0];
        }
        OperatingPoint before = d.operatingPoint(1, 2.5e-3);
        OperatingPoint after = d.operatingPoint(1, 1.3e-3);
        double noise = d.noiseStrength();
        double[] reference = new double[n];
        SplittableRandom ref = new SplittableRandom(8);
        for (int k = 0; k < n; k++) {
            double x = before.sampleStationary(ref);
            for (double t = 0; t < 2e-9; ) {
                double dt = Math.min(2e-9 - t, 1e-3 / (2 * Math.abs(after.alpha + 2 * after.beta * x)));
                x += (-2 * (after.alpha + after.beta * x) * x + 2 * noise) * dt
                        + 2 * Math.sqrt(noise * Math.max(x, 0) * dt) * ref.nextGaussian();
                x = Math.abs(x);
                t += dt;
            }
            reference[k] = x;
        }
        double sd = sd(reference);
        // 0.05 sd is five standard errors of the difference of two means of 20,000
        assertEquals(mean(reference), mean(emulated), 0.05 * sd, "mean of p 2 ns after the step");
        assertEquals(sd, sd(emulated), 0.05 * sd, "spread of p 2 ns after the step");
    }
}
