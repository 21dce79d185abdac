package io.spinloop.app.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.physics.Stno;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.model.AutoOscillator;
import io.spinloop.twin.sysid.AutoOscillatorIdentification;
import org.junit.jupiter.api.Test;

/**
 * System identification of the auto-oscillator on sequences from the emulator's physics ("nature", which
 * shares no code with the twin), nominal device (no spread, no drift), so the configured values are the truth.
 */
class EmulatorSysIdTest {
    private static final DeviceParameters DEVICE = DeviceParameters.defaults().withoutVariation();

    @Test
    void quasiStaticEmulatorSequencesGiveThresholdQScaleAndNoiseOverDampingWithin5Percent() {
        EmulatedSequences gen = new EmulatedSequences(DEVICE, 42, 1e-3, 0);
        // Drives from 1.3 I_th: near threshold the Gaussian transition density misses the truncation at p = 0.
        SequenceData d = gen.play(60, 10, 60, 1.3e-3, 2.5e-3, 5);
        AutoOscillatorIdentification.Result r = new AutoOscillatorIdentification(d)
                .fit(TwinFitCommand.startValues(d), 300, 0.05, s -> { });
        Stno truth = new Stno("stno0", DEVICE, 42);
        double k = truth.emittedPower(1.0, 1.0);
        double dOverGamma = truth.noiseStrength() * DEVICE.relaxationTimeS();
        r.estimates().forEach(System.out::println);
        System.out.println("truth: I_th " + DEVICE.thresholdCurrentA() + ", Q " + DEVICE.nonlinearDamping() + ", k " + k
                + ", D/Γ " + dOverGamma);
        assertTrue(r.quasiStatic());
        assertEquals(DEVICE.thresholdCurrentA(), r.get("threshold_A").value(), 0.05 * DEVICE.thresholdCurrentA());
        assertEquals(DEVICE.nonlinearDamping(), r.get("Q").value(), 0.05 * DEVICE.nonlinearDamping());
        assertEquals(k, r.get("output_scale_W_per_A2").value(), 0.05 * k);
        double est = r.get("noise_D_per_s").value() / r.get("gamma_per_s").value();
        assertEquals(dOverGamma, est, 0.05 * dOverGamma, "D/Γ");
    }

    /**
     * 2 ns steps (dynamic regime, moment-closure density): Γ_G, I_th, k and D within 5 %, and Q within three of its
     * standard errors (about 7 % on this much data, so 5 % needs more sequences than a unit test affords; the README
     * gives the larger runs). The emulator's step-down decay is held to the equation in {@code StnoTest}.
     */
    @Test
    void dynamicEmulatorSequencesGiveAllParameters() {
        EmulatedSequences gen = new EmulatedSequences(DEVICE, 42, 2e-9, 0);
        SequenceData d = TwinSysIdCommand.keepAbove(gen.play(60, 10, 100, 0.5e-3, 2.5e-3, 11), 1.3e-3);
        AutoOscillatorIdentification.Result r = new AutoOscillatorIdentification(d)
                .withDensity(AutoOscillatorIdentification.Density.MOMENT_CLOSURE)
                .fit(TwinFitCommand.startValues(d), 400, 0.05, s -> { });
        Stno truth = new Stno("stno0", DEVICE, 42);
        r.estimates().forEach(System.out::println);
        assertTrue(!r.quasiStatic());
        double gamma = 1 / DEVICE.relaxationTimeS();
        assertEquals(gamma, r.get("gamma_per_s").value(), 0.05 * gamma, "Γ_G");
        assertEquals(DEVICE.thresholdCurrentA(), r.get("threshold_A").value(), 0.05 * DEVICE.thresholdCurrentA(), "I_th");
        double k = truth.emittedPower(1.0, 1.0);
        assertEquals(k, r.get("output_scale_W_per_A2").value(), 0.05 * k, "k");
        assertEquals(truth.noiseStrength(), r.get("noise_D_per_s").value(), 0.05 * truth.noiseStrength(), "D");
        assertEquals(DEVICE.nonlinearDamping(), r.get("Q").value(), 3 * r.get("Q").standardError(), "Q");
    }
}
