package io.spinloop.twin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinloop.autodiff.GradientCheck;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.ReduceOps;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PhysicsResidualSdeTest {

    static PhysicsResidualArchitecture arch(double dt) {
        return PhysicsResidualArchitecture.standard(0.2, 0.15, 1.5e-3, 6e-4, dt).withDriftHidden(6);
    }

    /** Weights moved off their near-zero start, so the networks contribute to value and gradient. */
    static void perturb(PhysicsResidualSde m, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (Parameter p : m.residualParameters().list()) {
            double[] v = p.value().data().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.3 * rng.nextGaussian();
            }
            p.set(v);
        }
    }

    @Test
    void stepGradientsMatchFiniteDifferencesInBothRegimesAndWithMomentClosure() {
        // (step length, moment-closure physics): quasi-static steps use the exact step only.
        Object[][] cases = {{2e-9, false}, {1e-3, false}, {2e-9, true}};
        for (Object[] c : cases) {
            double dt = (Double) c[0];
            PhysicsResidualSde m = new PhysicsResidualSde(arch(dt).withMomentClosure((Boolean) c[1]), AutoOscillator.defaults(), 3);
            perturb(m, 5);
            Tensor x = Tensor.variable(5, 1, 0.01, 0.2, 0.35, 0.5, 0.05);
            Tensor u = Tensor.variable(5, 1, 0.5e-3, 1.5e-3, 2e-3, 2.6e-3, 1.05e-3);
            Tensor xi = Tensor.variable(5, 1, 0.3, -0.4, 1.1, -0.2, 0.1);
            List<Tensor> inputs = new ArrayList<>(List.of(x, u, xi));
            for (Parameter p : m.parameters().list()) {
                inputs.add(p.value());
            }
            GradientCheck.of(tape -> ReduceOps.sum(tape, m.observe(tape, m.step(tape, x, u, dt, xi), u)), inputs)
                    .assertWithin(1e-5);
        }
    }

    @Test
    void untrainedModelIsThePhysicsModel() {
        double dt = 2e-9;
        PhysicsResidualSde m = new PhysicsResidualSde(arch(dt), AutoOscillator.defaults(), 3);
        AutoOscillator ao = new AutoOscillator(AutoOscillator.defaults());
        Tape tape = new Tape();
        Tensor x = Tensor.constant(3, 1, 0.05, 0.2, 0.4);
        Tensor u = Tensor.constant(3, 1, 0.8e-3, 1.5e-3, 2.4e-3);
        AutoOscillator.Transition a = m.transition(tape, x, u, dt);
        AutoOscillator.Transition b = ao.transition(tape, x, u, dt);
        for (int i = 0; i < 3; i++) {
            // The residual's output layer starts at zero.
            assertEquals(b.mean().data()[i], a.mean().data()[i], 1e-15);
            // The diffusion factor starts at exactly 1; the floor adds 1e-4 of the state scale per sqrt(sample).
            assertEquals(b.std().data()[i], a.std().data()[i], 1e-4 * 0.15 + 1e-15);
        }
        Tensor xi = Tensor.constant(3, 1, 0.5, -1.0, 2.0);
        double[] stepped = ao.step(tape, x, u, dt, xi).data();
        for (int i = 0; i < 3; i++) {
            assertEquals(stepped[i], b.mean().data()[i] + b.std().data()[i] * xi.data()[i], 1e-15);
        }
    }
}
