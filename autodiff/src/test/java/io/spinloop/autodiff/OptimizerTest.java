package io.spinloop.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    @Test
    void adamFirstStepMovesEachWeightByLrAgainstItsGradientSign() {
        Parameters ps = new Parameters();
        Parameter p = ps.add(Parameter.of("p", 1, 3, 1.0, 1.0, 1.0));
        System.arraycopy(new double[] {0.5, -2.0, 0.0}, 0, p.grad(), 0, 3);
        new Adam().step(ps, 0.1);
        // Bias-corrected first step: m/sqrt(v) = sign(g).
        assertArrayEquals(new double[] {0.9, 1.1, 1.0}, p.value().data(), 1e-6);
    }

    @Test
    void adamAndSgdMinimiseAQuadratic() {
        for (Optimizer opt : new Optimizer[] {new Adam(), new Sgd(), new Sgd(0.9)}) {
            Parameters ps = new Parameters();
            Parameter p = ps.add(Parameter.of("p", 1, 2, 3.0, -4.0));
            Tensor target = Tensor.constant(1, 2, 1.0, 2.0);
            Tape tape = new Tape();
            for (int i = 0; i < 500; i++) {
                tape.reset();
                Tensor loss = LossOps.mse(tape, p.value(), target);
                tape.backward(loss);
                ps.zeroGrad();
                ps.accumulate(tape);
                opt.step(ps, opt instanceof Adam ? 0.05 : 0.1);
            }
            assertArrayEquals(new double[] {1.0, 2.0}, p.value().data(), 1e-3, opt.getClass().getSimpleName());
        }
    }

    @Test
    void maskedEntriesStayZeroThroughTraining() {
        Parameters ps = new Parameters();
        Parameter w = ps.add(Parameter.masked("w", 2, 2, new double[] {1, 2, 3, 4}, new double[] {1, 0, 0, 1}));
        assertArrayEquals(new double[] {1, 0, 0, 4}, w.value().data());
        assertEquals(2, ps.trainableCount());
        Tape tape = new Tape();
        Tensor x = Tensor.constant(1, 2, 1.0, 1.0);
        Tensor loss = ReduceOps.sum(tape, MatrixOps.matmul(tape, x, w.value()));
        tape.backward(loss);
        ps.zeroGrad();
        ps.accumulate(tape);
        assertArrayEquals(new double[] {1, 0, 0, 1}, w.grad());
        new Adam().step(ps, 0.5);
        assertEquals(0.0, w.value().data()[1]);
        assertEquals(0.0, w.value().data()[2]);
    }

    @Test
    void clippingAndNonFiniteDetection() {
        Parameters ps = new Parameters();
        Parameter p = ps.add(Parameter.of("layer1.w", 1, 3, 0, 0, 0));
        System.arraycopy(new double[] {5.0, -0.5, -7.0}, 0, p.grad(), 0, 3);
        ps.clipElementwise(1.0);
        assertArrayEquals(new double[] {1.0, -0.5, -1.0}, p.grad());
        assertFalse(ps.firstNonFiniteGradient().isPresent());
        p.grad()[1] = Double.NaN;
        assertEquals("layer1.w[1]=NaN", ps.firstNonFiniteGradient().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> ps.clipElementwise(0));
    }

    @Test
    void seedLearningRateDecay() {
        LearningRateSchedule s = LearningRateSchedule.inverseTime(0.149, 8.077);
        assertEquals(0.149, s.at(0), 1e-15);
        assertEquals(0.149 / (10 / 8.077 + 1), s.at(10), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.inverseTime(-1, 8));
    }

    @Test
    void adamStateRoundTripsForResume() {
        Parameters a = new Parameters();
        Parameter pa = a.add(Parameter.of("p", 1, 2, 1.0, 2.0));
        Adam adamA = new Adam();
        pa.grad()[0] = 0.3;
        pa.grad()[1] = -0.1;
        adamA.step(a, 0.01);

        Parameters b = new Parameters();
        Parameter pb = b.add(Parameter.of("p", 1, 2, pa.value().data().clone()));
        Adam adamB = new Adam();
        adamB.restore(adamA.steps(), Map.of("p", adamA.firstMoment("p")), Map.of("p", adamA.secondMoment("p")));
        for (Parameters ps : new Parameters[] {a, b}) {
            Parameter p = ps.get("p");
            p.grad()[0] = 0.2;
            p.grad()[1] = 0.4;
        }
        adamA.step(a, 0.01);
        adamB.step(b, 0.01);
        assertArrayEquals(pa.value().data(), pb.value().data());
        assertTrue(adamB.steps() == 2);
    }
}
