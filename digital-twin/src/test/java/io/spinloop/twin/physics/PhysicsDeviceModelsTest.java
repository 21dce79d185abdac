package io.spinloop.twin.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinloop.autodiff.ElementwiseOps;
import io.spinloop.autodiff.GradientCheck;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.ReduceOps;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.DeviceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The seed physics behind the twin's {@link DeviceModel} interface: values and gradient checks. */
class PhysicsDeviceModelsTest {
    private final Random rng = new Random(17);

    private Tensor normals(int rows, int cols) {
        double[] z = new double[rows * cols];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextGaussian();
        }
        return Tensor.variable(rows, cols, z);
    }

    /** Two steps then observe, weighted; gradients w.r.t. inputs, noise and every raw parameter. */
    private void checkModel(DeviceModel model, Tensor x0, Tensor u, double dt, double step, double tol) {
        Tensor xi1 = normals(u.rows(), model.noiseSize());
        Tensor xi2 = normals(u.rows(), model.noiseSize());
        Tensor w = Tensor.constant(u.rows(), model.observationSize(), normals(u.rows(), model.observationSize()).data());
        Function<Tape, Tensor> f = tape -> {
            Tensor x = model.step(tape, x0, u, dt, xi1);
            x = model.step(tape, x, u, dt, xi2);
            return ReduceOps.sum(tape, ElementwiseOps.mul(tape, model.observe(tape, x, u), w));
        };
        List<Tensor> inputs = new ArrayList<>(List.of(x0, xi1, xi2));
        for (Parameter p : model.parameters().list()) {
            inputs.add(p.value());
        }
        GradientCheck.of(f, inputs, step).assertWithin(tol);
    }

    @Test
    void powerCurveDeviceIsEquationFourInUnitsOfItsThreshold() {
        PowerCurveDevice d = new PowerCurveDevice(1e-3);
        Tensor u = Tensor.constant(3, 1, 0.5e-3, 1.5e-3, 2.2e-3);
        Tensor x = d.step(new Tape(), Tensor.zeros(3, 1), u, 1e-3, null);
        assertArrayEquals(new double[] {0, PowerCurve.SEED_003.power(1.5), PowerCurve.SEED_003.power(2.2)}, x.data(), 1e-9);
        Tensor p = d.observe(new Tape(), x, u);
        assertEquals(0.0625 * 2.2e-3 * 2.2e-3 * x.data()[2], p.data()[2], 1e-15);
    }

    @Test
    void powerCurveDevicePassesGradientCheck() {
        PowerCurveDevice d = new PowerCurveDevice(1e-3);
        Tensor u = Tensor.variable(4, 1, 1.2e-3, 1.7e-3, 2.5e-3, 3.1e-3);
        checkModel(d, Tensor.variable(4, 1, 0.1, 0.2, 0.3, 0.4), u, 1e-3, 1e-7, 1e-5);
        // the input current too, with a step suited to amperes
        Function<Tape, Tensor> f = tape -> ReduceOps.sum(tape, d.observe(tape, d.step(tape, Tensor.zeros(4, 1), u, 1e-3, null), u));
        GradientCheck.of(f, List.of(u), 1e-9).assertWithin(1e-5);
    }

    @Test
    void macrospinDevicePassesGradientCheckWithThermalNoise() {
        MacrospinDevice d = new MacrospinDevice(MacrospinParameters.SEED_002, 2, 1750, 0.005);
        Tensor m0 = Tensor.variable(2, 3, 0.6, 0.0, 0.8, -0.28, 0.96, 0.0);
        Tensor u = Tensor.variable(2, 1, 4e-3, 6e-3);
        checkModel(d, m0, u, 2e-12, 1e-6, 1e-5);
        Function<Tape, Tensor> f = tape -> ReduceOps.sum(tape, d.observe(tape, d.step(tape, m0, u, 2e-12, null), u));
        GradientCheck.of(f, List.of(u), 1e-8).assertWithin(1e-5);
    }

    @Test
    void perRowCurrentsEvolveLikeSeparateRuns() {
        CoupledMacrospins one = CoupledMacrospins.single(MacrospinParameters.SEED_002.withTemperature(0));
        Tensor m = Tensor.constant(2, 3, 0.6, 0.0, 0.8, 0.0, 0.6, 0.8);
        Tensor h = Tensor.constant(1, 1, 1800);
        Tensor a = Tensor.constant(1, 1, 0.005);
        Tensor both = one.rk4Step(new Tape(), m, h, Tensor.constant(2, 1, 3e-3, 6e-3), a, 5e-12);
        Tensor first = one.rk4Step(new Tape(), Tensor.constant(1, 3, 0.6, 0.0, 0.8), h, Tensor.constant(1, 1, 3e-3), a, 5e-12);
        Tensor second = one.rk4Step(new Tape(), Tensor.constant(1, 3, 0.0, 0.6, 0.8), h, Tensor.constant(1, 1, 6e-3), a, 5e-12);
        assertArrayEquals(first.data(), java.util.Arrays.copyOfRange(both.data(), 0, 3), 1e-15);
        assertArrayEquals(second.data(), java.util.Arrays.copyOfRange(both.data(), 3, 6), 1e-15);
    }
}
