package io.spinloop.emulator.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The field dependence of docs/field-physics.md: exact at the reference field, Kittel f0(B), I_th ∝ Γ_G(B), N(B). */
class FieldPhysicsTest {
    private static final DeviceParameters EXACT = DeviceParameters.defaults().withoutVariation();
    private static final MagneticParameters MAGNETIC = MagneticParameters.defaults();

    private static Stno device(DeviceParameters p, Double constantFieldT) {
        Stno d = new Stno("d", p, 11);
        if (constantFieldT != null) {
            d.exposeTo(MAGNETIC, t -> constantFieldT);
        }
        CurrentTimeline drive = new CurrentTimeline();
        d.connect(drive);
        drive.set(0, 2e-3);
        return d;
    }

    private static double[] look(Stno d) {
        int n = 400;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1 + i * (i % 3 == 0 ? 1e-9 : 1e-3); // stationary draws and integrated transients both
        }
        double[] p = new double[n];
        d.observe(t, n, 1e-6, new SplittableRandom(5), p, new double[n]);
        return p;
    }

    @Test
    void atItsReferenceFieldADeviceIsExactlyTheDeviceWithoutAField() {
        DeviceParameters drawn = DeviceParameters.defaults(); // with spread and drift
        Stno plain = device(drawn, null);
        Stno inField = device(drawn, MAGNETIC.referenceFieldT(drawn.frequencyHz()));
        assertTrue(Double.isNaN(plain.fieldAt(0)), "no field instruments: no field");
        for (double t : new double[] {0.5, 10, 1234.5}) {
            OperatingPoint a = plain.operatingPoint(t, 2e-3);
            OperatingPoint b = inField.operatingPoint(t, 2e-3);
            assertEquals(a.freeFrequency, b.freeFrequency, 0);
            assertEquals(a.thresholdCurrent, b.thresholdCurrent, 0);
            assertEquals(a.linewidth(), b.linewidth(), 0);
            assertEquals(a.meanPower(), b.meanPower(), 0);
            assertEquals(a.frequency(0.3), b.frequency(0.3), 0);
        }
        assertArrayEquals(look(plain), look(inField), "the same noise, bit for bit");
    }

    @Test
    void theDefaultDeviceSitsAt10Point9MilliteslaAppliedWithTheDefaultFreeLayer() {
        assertEquals(0.010878, MAGNETIC.referenceFieldT(5e9), 1e-6);
        assertEquals(5e9, MAGNETIC.kittelFrequencyHz(MAGNETIC.referenceFieldT(5e9)), 1);
        assertEquals(6.421e9, MAGNETIC.kittelFrequencyHz(0.030), 1e6, "docs/field-physics.md");
        assertEquals(4.003e9, MAGNETIC.kittelFrequencyHz(0.0), 1e6, "docs/field-physics.md");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.005, 0.05, 0.2, -0.01})
    void f0FollowsKittelAndThresholdFollowsTheDampingRate(double fieldT) {
        Stno d = device(EXACT, fieldT);
        OperatingPoint op = d.operatingPoint(1, 2e-3);
        double gammaH = MagneticParameters.GYROMAGNETIC_HZ_PER_T;
        double fH = gammaH * Math.abs(fieldT + MAGNETIC.biasFieldT());
        double fM = gammaH * MAGNETIC.effectiveMagnetisationT();
        assertEquals(Math.sqrt(fH * (fH + fM)), op.freeFrequency, 1e-9 * 5e9, "Kittel");
        double bRef = MAGNETIC.referenceFieldT(5e9);
        double fHRef = gammaH * (bRef + MAGNETIC.biasFieldT());
        assertEquals(1e-3 * (fH + fM / 2) / (fHRef + fM / 2), op.thresholdCurrent, 1e-15,
                "I_th ∝ Γ_G = α(ω_H + ω_M/2)");
        assertEquals(op.gammaG / 1e8, op.thresholdCurrent / 1e-3, 1e-12, "Γ_G scaled as I_th");
        double n = -fM * (fH + fM / 4) / (fH + fM);
        double nRef = -fM * (fHRef + fM / 4) / (fHRef + fM);
        assertEquals(-1e9 * n / nRef, op.shiftHz, 1e-3);
    }

    /**
     * N(B) against the conservative macrospin itself: an in-plane film, field along x, easy-plane demagnetisation,
     * integrated orbit by orbit; N = dω/dp with p = J/2, J the orbit's action. The documented closed form
     * −ω_M(ω_H + ω_M/4)/(ω_H + ω_M) must agree to a per cent.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.3, 1.0, 4.0})
    void theFrequencyShiftShapeIsTheMacrospinOrbits(double wH) {
        double wM = 1;
        double[] small = orbit(wH, wM, 0.04);
        double[] larger = orbit(wH, wM, 0.08);
        double numeric = (larger[0] - small[0]) / ((larger[1] - small[1]) / 2);
        double closed = -wM * (wH + wM / 4) / (wH + wM);
        assertEquals(closed, numeric, 0.01 * Math.abs(closed));
    }

    /** One orbit from a tilt {@code theta} towards y: {angular frequency, action J}. */
    private static double[] orbit(double wH, double wM, double theta) {
        double[] m = {Math.cos(theta), Math.sin(theta), 0};
        double dt = 2 * Math.PI / Math.sqrt(wH * (wH + wM)) / 4000;
        double t = 0;
        double action = 0;
        double swept = 0;
        double prev = Math.atan2(m[2], m[1]);
        while (true) {
            double[] next = rk4(m, wH, wM, dt);
            double phi = Math.atan2(next[2], next[1]);
            double d = phi - prev;
            d -= 2 * Math.PI * Math.rint(d / (2 * Math.PI));
            action += (1 - 0.5 * (m[0] + next[0])) * d;
            swept += d;
            prev = phi;
            m = next;
            t += dt;
            if (Math.abs(swept) >= 2 * Math.PI) {
                double period = t - (Math.abs(swept) - 2 * Math.PI) / Math.abs(d) * dt;
                return new double[] {2 * Math.PI / period, Math.abs(action) / (2 * Math.PI)};
            }
        }
    }

    private static double[] rk4(double[] m, double wH, double wM, double dt) {
        double[] k1 = torque(m, wH, wM);
        double[] k2 = torque(add(m, k1, dt / 2), wH, wM);
        double[] k3 = torque(add(m, k2, dt / 2), wH, wM);
        double[] k4 = torque(add(m, k3, dt), wH, wM);
        double[] n = new double[3];
        for (int i = 0; i < 3; i++) {
            n[i] = m[i] + dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        double norm = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        for (int i = 0; i < 3; i++) {
            n[i] /= norm;
        }
        return n;
    }

    /** dm/dt = −m × B_eff with B_eff = (ω_H, 0, −ω_M m_z), in frequency units. */
    private static double[] torque(double[] m, double wH, double wM) {
        double bx = wH;
        double bz = -wM * m[2];
        return new double[] {-(m[1] * bz), -(m[2] * bx - m[0] * bz), -(-m[1] * bx)};
    }

    private static double[] add(double[] m, double[] k, double h) {
        return new double[] {m[0] + h * k[0], m[1] + h * k[1], m[2] + h * k[2]};
    }
}
