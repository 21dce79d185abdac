package io.spinloop.twin.sysid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.TeacherSequences;
import io.spinloop.twin.model.AutoOscillator;
import org.junit.jupiter.api.Test;

class AutoOscillatorIdentificationTest {
    private static final AutoOscillator.Values TRUTH = new AutoOscillator.Values(1e8, 1.2e-3, 0.4, 6e4, 0.05);
    private static final AutoOscillator.Values START = new AutoOscillator.Values(1.5e8, 0.8e-3, 1.0, 2e4, 0.1);

    private static SequenceData teacher(double dt, double lowA, double meanHold, long seed) {
        DigitalTwin t = new DigitalTwin(new AutoOscillator(TRUTH), Normalisation.identity(), dt);
        double[][] drives = TeacherSequences.randomDrives(40, 50, lowA, 3.0e-3, meanHold, seed);
        return TeacherSequences.play(t, drives, 10, dt, seed + 1);
    }

    private static void within(double truth, Estimate e, double tolerance) {
        assertEquals(truth, e.value(), tolerance * Math.abs(truth), e.toString());
    }

    @Test
    void recoversAllFiveFromNanosecondTeacherDynamics() {
        SequenceData data = teacher(2e-9, 0.6e-3, 4, 11);
        AutoOscillatorIdentification.Result r = new AutoOscillatorIdentification(data).fit(START, 300, 0.05, s -> { });
        r.estimates().forEach(System.out::println);
        assertFalse(r.quasiStatic());
        within(TRUTH.gamma(), r.get("gamma_per_s"), 0.05);
        within(TRUTH.threshold(), r.get("threshold_A"), 0.05);
        // Q is the weakest direction at ns sampling (standard error 5-9 % with these 20 000 transitions): 5 % or
        // three of its own standard errors, whichever is larger.
        within(TRUTH.q(), r.get("Q"), Math.max(0.05, 3 * r.get("Q").relativeError()));
        within(TRUTH.noise(), r.get("noise_D_per_s"), 0.05);
        within(TRUTH.outputScale(), r.get("output_scale_W_per_A2"), 0.05);
        // The Laplace errors must be honest: the truth within 4 standard errors of each estimate.
        for (Estimate e : r.estimates()) {
            double truth = truthOf(e.name());
            assertTrue(Math.abs(e.value() - truth) < 4 * e.standardError(), e + " vs truth " + truth);
        }
    }

    /**
     * Quasi-static (1 ms points): drives from 1.3 I_th, where the power density is far from its edge at p = 0;
     * closer to threshold the Gaussian transition density misses the truncation at zero power and biases Q.
     */
    @Test
    void quasiStaticTeacherIdentifiesThresholdQScaleAndNoiseOverDamping() {
        SequenceData data = teacher(1e-3, 1.56e-3, 3, 21);
        AutoOscillatorIdentification.Result r = new AutoOscillatorIdentification(data).fit(START, 300, 0.05, s -> { });
        r.estimates().forEach(System.out::println);
        assertTrue(r.quasiStatic());
        assertFalse(r.get("gamma_per_s").fitted());
        within(TRUTH.threshold(), r.get("threshold_A"), 0.05);
        within(TRUTH.q(), r.get("Q"), 0.05);
        within(TRUTH.outputScale(), r.get("output_scale_W_per_A2"), 0.05);
        double ratio = r.get("noise_D_per_s").value() / r.get("gamma_per_s").value();
        assertEquals(TRUTH.noise() / TRUTH.gamma(), ratio, 0.05 * TRUTH.noise() / TRUTH.gamma(), "D/Γ");
    }

    private static double truthOf(String name) {
        return switch (name) {
            case "gamma_per_s" -> TRUTH.gamma();
            case "threshold_A" -> TRUTH.threshold();
            case "Q" -> TRUTH.q();
            case "noise_D_per_s" -> TRUTH.noise();
            default -> TRUTH.outputScale();
        };
    }
}
