package io.spinloop.twin.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.autodiff.GradientCheck;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.TeacherSequences;
import io.spinloop.twin.model.AutoOscillator;
import io.spinloop.twin.model.PhysicsResidualSde;
import io.spinloop.twin.validate.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhysicsResidualFitTest {

    /** Dynamic regime (2 ns per point): teacher = the auto-oscillator with a Q the start values do not know. */
    static SequenceData dynamicTeacherData(int sequences, int repeats, int steps, long seed) {
        AutoOscillator teacher = new AutoOscillator(new AutoOscillator.Values(1e8, 1e-3, 0.8, 5e4, 0.0625));
        DigitalTwin t = new DigitalTwin(teacher, Normalisation.identity(), 2e-9);
        double[][] drives = TeacherSequences.randomDrives(sequences, steps, 0.5e-3, 2.5e-3, 3, seed);
        return TeacherSequences.play(t, drives, repeats, 2e-9, seed + 1);
    }

    @Test
    void likelihoodGradientMatchesFiniteDifferencesThroughTheStateReadOffThePower() {
        SequenceData d = dynamicTeacherData(2, 2, 6, 3);
        PhysicsResidualFit.PowerTransitions tr = new PhysicsResidualFit.PowerTransitions(d);
        PhysicsResidualSde m = new PhysicsResidualSde(PhysicsResidualFit.scaled(d, 0.0625).withDriftHidden(4),
                new AutoOscillator.Values(1.2e8, 0.9e-3, 0.6, 6e4, 0.07), 2);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(9);
        for (Parameter p : m.residualParameters().list()) {
            double[] v = p.value().data().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.3 * rng.nextGaussian();
            }
            p.set(v);
        }
        List<Tensor> inputs = new ArrayList<>();
        for (Parameter p : m.parameters().list()) {
            inputs.add(p.value());
        }
        GradientCheck.of(tape -> PhysicsResidualFit.loss(tape, m, tr, null, 0, tr.size(), 2e-9, 1.0 / tr.size()), inputs)
                .assertWithin(1e-5);
    }

    /** Dynamic regime: the fitted twin passes the distribution tests, and the jointly fitted physics stays near the truth. */
    @Test
    void physicsResidualTwinOfDynamicTeacherPasses() {
        SequenceData data = dynamicTeacherData(40, 8, 40, 11);
        FitOptions opt = new FitOptions(4, 256, 1e-2, 2, 0.25, 1, 2, Objective.LIKELIHOOD, 24);
        PhysicsResidualFit.Result r = PhysicsResidualFit.fit(data, 8, true, opt, s -> { });
        ValidationReport v = r.fit().validation();
        System.out.println("physics-residual, dynamic teacher, " + r.fit().seconds() + " s\n" + v.table());
        assertTrue(v.passes(1.5), v.table());
        AutoOscillator.Values fitted = ((PhysicsResidualSde) r.fit().twin().model()).physics().values();
        assertEquals(1e-3, fitted.threshold(), 0.05e-3, fitted.toString());
        assertEquals(0.0625, fitted.outputScale(), 0.05 * 0.0625, fitted.toString());
    }
}
