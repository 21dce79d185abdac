package io.spinloop.twin.fit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.TeacherSequences;
import io.spinloop.twin.model.AutoOscillator;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import io.spinloop.twin.validate.ValidationReport;
import org.junit.jupiter.api.Test;

class NeuralSdeFitTest {

    /** Quasi-static regime (1 ms per point, as a SourceMeter list sweep): teacher = the auto-oscillator model. */
    static SequenceData quasiStaticTeacherData(int sequences, int repeats, int steps, long seed) {
        AutoOscillator teacher = new AutoOscillator(AutoOscillator.defaults());
        DigitalTwin t = new DigitalTwin(teacher, Normalisation.identity(), 1e-3);
        double[][] drives = TeacherSequences.randomDrives(sequences, steps, 0.5e-3, 2.5e-3, 3, seed);
        return TeacherSequences.play(t, drives, repeats, 1e-3, seed + 1);
    }

    @Test
    void likelihoodTwinOfQuasiStaticTeacherPassesWhileDeterministicTwinFailsSpread() {
        SequenceData data = quasiStaticTeacherData(60, 10, 60, 5);
        FitOptions opt = new FitOptions(20, 256, 1e-2, 5, 0.2, 1, 2, Objective.LIKELIHOOD, 24);
        FitResult sde = NeuralSdeFit.fit(data, NeuralSdeArchitecture.standard(), opt, s -> { });
        ValidationReport r = sde.validation();
        System.out.println("neural SDE (likelihood), quasi-static teacher, " + sde.seconds() + " s\n" + r.table());
        assertTrue(r.passes(1.5), r.table());
        FitResult det = NeuralSdeFit.fit(data, NeuralSdeArchitecture.standard().withoutDiffusion(), opt, s -> { });
        System.out.println("deterministic twin\n" + det.validation().table());
        assertFalse(det.validation().spreadRatio() <= 1.5, det.validation().table());
    }

    /** The float64 kernel (no longer the default) still fits the same data to the same standard. */
    @Test
    void likelihoodTwinPassesWithTheFloat64KernelToo() {
        SequenceData data = quasiStaticTeacherData(60, 10, 60, 5);
        FitOptions opt = new FitOptions(20, 256, 1e-2, 5, 0.2, 1, 2, Objective.LIKELIHOOD, 24)
                .withPrecision(io.spinloop.twin.model.KernelPrecision.FLOAT64);
        assertTrue(opt.precision() == io.spinloop.twin.model.KernelPrecision.FLOAT64);
        FitResult sde = NeuralSdeFit.fit(data, NeuralSdeArchitecture.standard(), opt, s -> { });
        System.out.println("neural SDE (likelihood, float64 kernel)\n" + sde.validation().table());
        assertTrue(sde.validation().passes(1.5), sde.validation().table());
    }

    /**
     * Dynamic regime (2 ns per point, faster than the relaxation): the teacher measures P = k I² p, so when the drive
     * steps the power jumps by (I_t/I_{t-1})² and (P, I_t) alone is not a Markov state. With the previous drive as an
     * input the likelihood is exact again; without it the twin misses the jumps (mean, distance) and its noise is off.
     * Both in dB, where the jump is the additive 20 log10(I_t/I_{t-1}).
     */
    @Test
    void driveHistoryFixesTheSpreadInTheDynamicRegime() {
        AutoOscillator teacher = new AutoOscillator(AutoOscillator.defaults());
        DigitalTwin t = new DigitalTwin(teacher, Normalisation.identity(), 2e-9);
        double[][] drives = TeacherSequences.randomDrives(60, 60, 0.5e-3, 2.5e-3, 3, 21);
        SequenceData data = TeacherSequences.play(t, drives, 8, 2e-9, 22);
        FitOptions opt = new FitOptions(12, 256, 2e-2, 4, 0.2, 1, 2, Objective.LIKELIHOOD, 24, true);
        FitResult plain = NeuralSdeFit.fit(data, NeuralSdeArchitecture.standard(), opt, s -> { });
        FitResult hist = NeuralSdeFit.fit(data, NeuralSdeArchitecture.standard().withDriveHistory(1), opt, s -> { });
        System.out.println("dynamic teacher, plain neural SDE (dB), " + plain.seconds() + " s\n" + plain.validation().table());
        System.out.println("with drive history 1, " + hist.seconds() + " s\n" + hist.validation().table());
        ValidationReport p = plain.validation();
        ValidationReport h = hist.validation();
        assertTrue(h.passes(1.5), h.table());
        assertFalse(p.passes(1.5), p.table());
        assertTrue(p.meanRatio() > 2 * h.meanRatio(), "mean: plain " + p.meanRatio() + " vs history " + h.meanRatio());
        assertTrue(p.distanceRatio() > 2 * h.distanceRatio(), "W1: plain " + p.distanceRatio() + " vs history " + h.distanceRatio());
        assertTrue(p.spreadRatio() > 1.5 * h.spreadRatio(), "spread: plain " + p.spreadRatio() + " vs history " + h.spreadRatio());
    }

    /**
     * Log power: the same neural SDE with its state the power in dB, on a teacher driven only above threshold (readings
     * over ~18 dB, as a zero span's window); validation is still in W against the measured floor.
     */
    @Test
    void logPowerTwinPassesInWattsAndSamplesPositivePower() {
        AutoOscillator teacher = new AutoOscillator(AutoOscillator.defaults());
        DigitalTwin t = new DigitalTwin(teacher, Normalisation.identity(), 1e-3);
        double[][] drives = TeacherSequences.randomDrives(50, 50, 1.2e-3, 2.5e-3, 3, 8);
        SequenceData data = TeacherSequences.play(t, drives, 8, 1e-3, 9);
        FitOptions opt = new FitOptions(40, 256, 1e-2, 4, 0.2, 1, 2, Objective.LIKELIHOOD, 24, true);
        FitResult sde = NeuralSdeFit.fit(data, NeuralSdeArchitecture.standard(), opt, s -> { });
        assertTrue(sde.twin().normalisation().logPower());
        System.out.println("neural SDE in log power, " + sde.seconds() + " s\n" + sde.validation().table());
        assertTrue(sde.validation().passes(1.5), sde.validation().table());
        for (double[][] seq : sde.twin().sample(new double[][] {drives[0]}, 3, 2, true)) {
            for (double[] rep : seq) {
                for (double w : rep) {
                    assertTrue(w > 0, "power in W from a log-power twin is positive: " + w);
                }
            }
        }
    }
}
