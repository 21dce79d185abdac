package io.spinloop.twin.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.autodiff.ElementwiseOps;
import io.spinloop.autodiff.GradientCheck;
import io.spinloop.autodiff.ReduceOps;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Gradient checks of the macrospin steps, and the physics they must reproduce. */
class CoupledMacrospinsTest {
    private static final MacrospinParameters COLD = MacrospinParameters.SEED_002.withTemperature(0);
    private final Random rng = new Random(7);

    private Tensor randomStates(int rows, int n) {
        double[] m = new double[rows * 3 * n];
        for (int v = 0; v < rows * n; v++) {
            double x = rng.nextGaussian();
            double y = rng.nextGaussian();
            double z = rng.nextGaussian();
            double len = Math.sqrt(x * x + y * y + z * z);
            m[3 * v] = x / len;
            m[3 * v + 1] = y / len;
            m[3 * v + 2] = z / len;
        }
        return Tensor.variable(rows, 3 * n, m);
    }

    private Tensor weights(int rows, int cols) {
        double[] w = new double[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextGaussian();
        }
        return Tensor.constant(rows, cols, w);
    }

    private interface Step {
        Tensor apply(Tape tape, Tensor m, Tensor applied, Tensor current, Tensor damping);
    }

    /**
     * Checks d(loss)/d(state, field, current, damping) of two chained steps against central differences,
     * each input with a step suited to its scale (Oe, A, dimensionless).
     */
    private void checkTwoSteps(CoupledMacrospins model, Step step) {
        int n = model.oscillators();
        Tensor m = randomStates(2, n);
        double[] fields = new double[n];
        for (int i = 0; i < n; i++) {
            fields[i] = 1500 + 500 * rng.nextDouble();
        }
        Tensor applied = Tensor.variable(1, n, fields);
        Tensor current = Tensor.variable(1, 1, 5e-3);
        Tensor damping = Tensor.variable(1, 1, 0.005);
        Tensor w = weights(2, 3 * n);
        Function<Tape, Tensor> loss = tape -> {
            Tensor s = step.apply(tape, m, applied, current, damping);
            s = step.apply(tape, s, applied, current, damping);
            return ReduceOps.sum(tape, ElementwiseOps.mul(tape, s, w));
        };
        GradientCheck.of(loss, List.of(m), 1e-6).assertWithin(1e-6);
        GradientCheck.of(loss, List.of(applied), 1e-3).assertWithin(1e-6);
        GradientCheck.of(loss, List.of(current), 1e-8).assertWithin(1e-6);
        GradientCheck.of(loss, List.of(damping), 1e-7).assertWithin(1e-6);
    }

    @Test
    void rk4StepOfOneOscillatorPassesGradientCheck() {
        CoupledMacrospins one = CoupledMacrospins.single(COLD);
        checkTwoSteps(one, (t, m, h, j, a) -> one.rk4Step(t, m, h, j, a, 5e-12));
    }

    @Test
    void rk4StepOfCoupledOscillatorsPassesGradientCheckAtTheSeedsTimeStep() {
        CoupledMacrospins three = CoupledMacrospins.coupled(COLD, 3, CouplingMatrix.random(3, new Random(1)), 100.0);
        checkTwoSteps(three, (t, m, h, j, a) -> three.rk4Step(t, m, h, j, a, 50e-12));
    }

    @Test
    void heunStepWithThermalFieldPassesGradientCheckForAFixedNoiseDraw() {
        CoupledMacrospins two = CoupledMacrospins.coupled(MacrospinParameters.SEED_002, 2,
                CouplingMatrix.random(2, new Random(2)), 10.0);
        // the same draw on every evaluation: the check differentiates one realization of the noise
        Tensor xi = weights(2, 6);
        checkTwoSteps(two, (t, m, h, j, a) -> two.heunStep(t, m, h, j, a, 1e-12, xi));
    }

    @Test
    void normalizePassesGradientCheck() {
        CoupledMacrospins two = CoupledMacrospins.coupled(COLD, 2, null, 0);
        Tensor x = Tensor.variable(3, 6, 0.3, -1.2, 0.5, 2.0, 0.1, -0.4, 0.7, 0.7, 0.7, -0.2, 0.05, 1.3, 0.9, -0.6,
                0.2, 0.4, 0.4, -1.0);
        Tensor w = weights(3, 6);
        GradientCheck.of(t -> ReduceOps.sum(t, ElementwiseOps.mul(t, two.normalize(t, x), w)), List.of(x))
                .assertWithin(1e-7);
    }

    @Test
    void couplingMatrixHasSpectralRadiusOneAndNoSelfCoupling() {
        double[] w = CouplingMatrix.random(50, new Random(5));
        assertEquals(1.0, CouplingMatrix.spectralRadius(w, 50), 1e-9);
        for (int i = 0; i < 50; i++) {
            assertEquals(0.0, w[i * 50 + i]);
        }
    }

    private static Tensor integrate(CoupledMacrospins model, Tensor m, double field, double current, double alpha,
            double dt, int steps) {
        Tensor h = Tensor.constant(1, 1, field);
        Tensor j = Tensor.constant(1, 1, current);
        Tensor a = Tensor.constant(1, 1, alpha);
        Tape tape = new Tape();
        for (int i = 0; i < steps; i++) {
            tape.reset();
            m = model.rk4Step(tape, m, h, j, a, dt).copy();
        }
        return m;
    }

    @Test
    void rk4IsFourthOrderAndConservesTheNormWithoutTorque() {
        CoupledMacrospins one = CoupledMacrospins.single(COLD);
        Tensor m0 = Tensor.constant(1, 3, 0.6, 0.0, 0.8);
        // 200 ps of precession at 1750 Oe with damping and spin torque, at three step sizes
        Tensor reference = integrate(one, m0, 1750, 5e-3, 0.005, 0.125e-12, 1600);
        Tensor coarse = integrate(one, m0, 1750, 5e-3, 0.005, 2e-12, 100);
        Tensor fine = integrate(one, m0, 1750, 5e-3, 0.005, 1e-12, 200);
        double eCoarse = distance(coarse, reference);
        double eFine = distance(fine, reference);
        double order = Math.log(eCoarse / eFine) / Math.log(2);
        assertEquals(4.0, order, 0.3, "observed order " + order + " (errors " + eCoarse + ", " + eFine + ")");
        Tensor free = integrate(one, m0, 1750, 0, 0, 0.5e-12, 2000);
        assertEquals(1.0, norm(free), 1e-9);
        // without damping and torque the precession about z keeps m_z
        assertEquals(0.8, free.get(0, 2), 1e-6);
    }

    @Test
    void dampingAlignsTheMagnetizationWithTheFieldAndSpinTorqueSustainsAnOscillation() {
        CoupledMacrospins one = CoupledMacrospins.single(COLD);
        Tensor m0 = Tensor.constant(1, 3, 0.6, 0.0, 0.8);
        // no current: Gilbert damping relaxes m onto the +z field within tens of ns (alpha = 0.01)
        Tensor relaxed = integrate(one, m0, 2000, 0, 0.01, 0.5e-12, 100_000);
        assertTrue(relaxed.get(0, 2) > 0.999, "m_z after 50 ns without current: " + relaxed.get(0, 2));
        // 5 mA: the spin torque of eq. 2 balances damping in a large-angle auto-oscillation
        Tensor driven = integrate(one, m0, 2000, 5e-3, 0.005, 0.5e-12, 100_000);
        double mxMin = 1;
        double mxMax = -1;
        double mzMin = 1;
        double mzMax = -1;
        Tensor m = driven;
        for (int i = 0; i < 20; i++) {
            // 1 ns more, sampled every 50 ps: longer than one period (about 0.2 ns)
            m = integrate(one, m, 2000, 5e-3, 0.005, 0.5e-12, 100);
            mxMin = Math.min(mxMin, m.get(0, 0));
            mxMax = Math.max(mxMax, m.get(0, 0));
            mzMin = Math.min(mzMin, m.get(0, 2));
            mzMax = Math.max(mzMax, m.get(0, 2));
        }
        assertTrue(mxMin < -0.8 && mxMax > 0.8, "m_x swings over [" + mxMin + ", " + mxMax + "]");
        assertTrue(mzMin > 0.05 && mzMax < 0.6, "m_z stays on the limit cycle [" + mzMin + ", " + mzMax + "]");
        assertEquals(1.0, norm(m), 1e-6);
    }

    private static double distance(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = a.data()[i] - b.data()[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static double norm(Tensor m) {
        return Math.sqrt(m.get(0, 0) * m.get(0, 0) + m.get(0, 1) * m.get(0, 1) + m.get(0, 2) * m.get(0, 2));
    }
}
