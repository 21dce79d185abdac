package io.spinloop.twin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinloop.autodiff.Parameter;
import org.junit.jupiter.api.Test;

/** The parameter counts twin files are checked with are the sizes the constructors allocate. */
class ParameterCountTest {
    private static long allocated(Iterable<Parameter> ps) {
        long n = 0;
        for (Parameter p : ps) {
            n += (long) p.value().rows() * p.value().cols();
        }
        return n;
    }

    @Test
    void neuralSde() {
        for (NeuralSdeArchitecture a : new NeuralSdeArchitecture[] {NeuralSdeArchitecture.standard(),
            NeuralSdeArchitecture.standard().withLatent(2).withDriveHistory(3),
            new NeuralSdeArchitecture(1, 5, 7, 1e-5, false, 1), new NeuralSdeArchitecture(0, 3, 11, 0, true, 0)}) {
            assertEquals(allocated(new NeuralSde(a, 1).parameters().list()), NeuralSde.parameterCount(a), a.toString());
        }
    }

    @Test
    void physicsResidual() {
        for (int[] w : new int[][] {{8, 8}, {3, 17}, {1, 1}}) {
            PhysicsResidualArchitecture a = new PhysicsResidualArchitecture(w[0], w[1], true, 0.2, 0.1, 1.5e-3, 6e-4,
                    1e-8, 1e-4, false);
            assertEquals(allocated(new PhysicsResidualSde(a, AutoOscillator.defaults(), 1).parameters().list()),
                    PhysicsResidualSde.parameterCount(a), a.toString());
        }
    }
}
