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
}
