package io.spinloop.twin.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.twin.SequenceData;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import org.junit.jupiter.api.Test;

/** The distributional objective on the quasi-static auto-oscillator teacher, with a latent state (tape path). */
class MomentFitTest {

    @Test
    void momentMatchingLearnsMeanAndSpreadWithALatentState() {
        SequenceData data = NeuralSdeFitTest.quasiStaticTeacherData(30, 8, 30, 9);
        FitOptions opt = new FitOptions(30, 256, 5e-2, 30, 0.2, 3, 2, Objective.MOMENTS, 12);
        FitResult r = NeuralSdeFit.fit(data, NeuralSdeArchitecture.standard().withLatent(1), opt, s -> { });
        System.out.println("moments, latent 1: held-out losses " + r.heldOutLosses() + "\n" + r.validation().table());
        assertEquals(Objective.MOMENTS, r.objective());
        double first = r.heldOutLosses().get(0);
        double best = r.heldOutLosses().get(r.bestEpoch() - 1);
        assertTrue(best < 0.5 * first, "held-out moment loss " + first + " -> " + best);
        double pooled = r.validation().twin().spreadRatio();
        assertTrue(pooled > 0.5 && pooled < 2, "pooled spread ratio " + pooled);
    }
}
