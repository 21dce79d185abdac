package io.spinloop.training.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NeuronModelTest {
    private static final double TAU = 14.12;

    @Test
    void exactOscillatorStepAgreesWithFineRk4() {
        OscillatorNeuron exact = OscillatorNeuron.exact(TAU);
        OscillatorNeuron rk4 = new OscillatorNeuron(TAU, Integrator.RK4, 200);
        Random rng = new Random(3);
        int n = 400;
        double[] x = new double[n];
        double[] drive = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble();
            // Drives from strongly negative to strongly positive, including |a dt| below the series threshold.
            drive[i] = i % 50 == 0 ? 1 / TAU + 1e-7 : (rng.nextDouble() * 4 - 2);
        }
        for (double dt : new double[] {0.1, 1.0, 3.0}) {
            double[] a = new double[n];
            double[] b = new double[n];
            exact.step(dt, x, drive, a, n);
            rk4.step(dt, x, drive, b, n);
            for (int i = 0; i < n; i++) {
                assertEquals(b[i], a[i], 2e-8, "dt " + dt + " x " + x[i] + " I " + drive[i]);
            }
        }
    }

    @Test
    void exactStepStaysInUnitIntervalWhereEulerDoesNot() {
        OscillatorNeuron exact = OscillatorNeuron.exact(TAU);
        double dt = 1.0;
        double[] x = {0.5, 0.99, 0.01, 0.7};
        double[] drive = {6.0, 40.0, -30.0, 1e4};
        double[] next = new double[4];
        exact.step(dt, x, drive, next, 4);
        for (double v : next) {
            assertTrue(v >= 0 && v <= 1, "exact step left [0,1]: " + v);
        }
        // The explicit Euler step of the same equation leaves [0,1] for these drives.
        double gamma = 1 / TAU;
        boolean left = false;
        for (int i = 0; i < 4; i++) {
            double euler = x[i] + dt * (-gamma * x[i] + drive[i] * x[i] * (1 - x[i]));
            left |= euler < 0 || euler > 1;
        }
        assertTrue(left);
        // Large drives converge to the fixed point 1 - gamma/I, no overflow.
        assertEquals(1 - gamma / 1e4, next[3], 1e-9);
    }

    @Test
    void restStateIsAFixedPointAtTheFixedBias() {
        OscillatorNeuron osc = OscillatorNeuron.exact(TAU);
        double[] x = {osc.restState()};
        double[] next = new double[1];
        osc.step(1.0, x, new double[] {osc.fixedDrive()}, next, 1);
        assertEquals(0.5, next[0], 1e-15);
    }

    @Test
    void ctrnnExactStepAgreesWithRk4() {
        CtrnnNeuron exact = CtrnnNeuron.exact(TAU);
        CtrnnNeuron rk4 = new CtrnnNeuron(TAU, Integrator.RK4, 20);
        double[] x = {-1.0, 0.0, 2.5};
        double[] drive = {0.3, -0.7, 1.2};
        double[] a = new double[3];
        double[] b = new double[3];
        exact.step(2.0, x, drive, a, 3);
        rk4.step(2.0, x, drive, b, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(a[i], b[i], 1e-10);
        }
    }

    /** Both integrators' analytic Jacobians against central differences of their own steps. */
    @Test
    void stepJacobiansMatchFiniteDifferences() {
        NeuronModel[] models = {OscillatorNeuron.exact(TAU), new OscillatorNeuron(TAU, Integrator.RK4, 3),
            CtrnnNeuron.exact(TAU), new CtrnnNeuron(TAU, Integrator.RK4, 2), OscillatorNeuron.exact(2.0)};
        double[][] points = {{0.5, 0.1416}, {0.2, 2.0}, {0.9, -1.5}, {0.5, 1 / TAU}, {0.6, 1 / TAU + 3e-5}, {0.3, 0.5}};
        double h = 1e-6;
        for (NeuronModel m : models) {
            for (double dt : new double[] {0.3, 1.0, 2.5}) {
                for (double[] p : points) {
                    double[] gx = new double[1];
                    double[] gi = new double[1];
                    double[] next = new double[1];
                    m.step(dt, new double[] {p[0]}, new double[] {p[1]}, next, 1);
                    m.stepBackward(dt, new double[] {p[0]}, new double[] {p[1]}, next, new double[] {1.0}, gx, gi, 1);
                    double numX = (stepOf(m, dt, p[0] + h, p[1]) - stepOf(m, dt, p[0] - h, p[1])) / (2 * h);
                    double numI = (stepOf(m, dt, p[0], p[1] + h) - stepOf(m, dt, p[0], p[1] - h)) / (2 * h);
                    String where = m.describe() + " dt " + dt + " at " + p[0] + "," + p[1];
                    assertEquals(numX, gx[0], 1e-7 * (1 + Math.abs(numX)), where);
                    assertEquals(numI, gi[0], 1e-7 * (1 + Math.abs(numI)), where);
                }
            }
        }
    }

    /**
     * The fused step-with-Jacobian of every model against its separate step and backward, over drives in
     * every branch of the exact oscillator (a dt above, below and inside the series threshold), and the
     * default implementation (a model that does not override it) against the same.
     */
    @Test
    void stepWithJacobianMatchesStepAndBackward() {
        NeuronModel exact = OscillatorNeuron.exact(TAU);
        NeuronModel plain = new NeuronModel() {
            @Override
            public double fixedDrive() {
                return exact.fixedDrive();
            }

            @Override
            public double restState() {
                return exact.restState();
            }

            @Override
            public OutputStage outputStage() {
                return exact.outputStage();
            }

            @Override
            public void step(double dt, double[] x, double[] drive, double[] xNext, int n) {
                exact.step(dt, x, drive, xNext, n);
            }

            @Override
            public void stepBackward(double dt, double[] x, double[] drive, double[] xNext, double[] gNext,
                    double[] gX, double[] gDrive, int n) {
                exact.stepBackward(dt, x, drive, xNext, gNext, gX, gDrive, n);
            }

            @Override
            public String describe() {
                return "default stepWithJacobian";
            }
        };
        NeuronModel[] models = {exact, OscillatorNeuron.exact(2.0), new OscillatorNeuron(TAU, Integrator.RK4, 3),
            CtrnnNeuron.exact(TAU), new CtrnnNeuron(TAU, Integrator.RK4, 2), plain};
        Random rng = new Random(9);
        int n = 300;
        double[] x = new double[n];
        double[] drive = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble();
            drive[i] = switch (i % 4) {
                case 0 -> 1 / TAU + (rng.nextDouble() - 0.5) * 1e-4;
                case 1 -> -3 + 6 * rng.nextDouble();
                case 2 -> 8 * rng.nextDouble();
                default -> 1 / TAU - 1e-3 * rng.nextDouble();
            };
        }
        for (NeuronModel m : models) {
            for (double dt : new double[] {0.3, 1.0, 2.5}) {
                double[] next = new double[n];
                double[] gx = new double[n];
                double[] gi = new double[n];
                double[] ones = new double[n];
                java.util.Arrays.fill(ones, 1.0);
                m.step(dt, x, drive, next, n);
                m.stepBackward(dt, x, drive, next, ones, gx, gi, n);
                double[] fusedNext = new double[n];
                double[] dx = new double[n];
                double[] di = new double[n];
                m.stepWithJacobian(dt, x, drive, fusedNext, dx, di, n);
                for (int i = 0; i < n; i++) {
                    String where = m.describe() + " dt " + dt + " at " + x[i] + "," + drive[i];
                    if (!Double.isFinite(next[i])) {
                        // Explicit RK4 with few sub-steps diverges at the largest drives; so must the fused step.
                        assertTrue(!Double.isFinite(fusedNext[i]), where);
                        continue;
                    }
                    // The fused step's exponential is FastMath.expNegAbs (issue 17), the plain step's Math.exp: they
                    // differ by an ulp or so near 1 and up to 1.8e-13 relative for large |z|. Measured over this test:
                    // next 9.5e-14, dx 1.1e-13 and di 1.5e-9 (relative to 1 + |g|). di is the worst because its
                    // (dt e - g)/a cancels twice when |z| is just above the series region (1e-4): an ulp of e becomes
                    // ulp/z² ~ 2e-8 there, in either path; before, both paths took bit-identical exponentials.
                    assertEquals(next[i], fusedNext[i], 2e-13, where);
                    assertEquals(gx[i], dx[i], 1e-12 * (1 + Math.abs(gx[i])), where);
                    assertEquals(gi[i], di[i], 5e-9 * (1 + Math.abs(gi[i])), where);
                }
            }
        }
    }

    private static double stepOf(NeuronModel m, double dt, double x, double drive) {
        double[] out = new double[1];
        m.step(dt, new double[] {x}, new double[] {drive}, out, 1);
        return out[0];
    }

    @Test
    void badTauIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> OscillatorNeuron.exact(-1));
        assertThrows(IllegalArgumentException.class, () -> CtrnnNeuron.exact(0));
        assertThrows(IllegalArgumentException.class, () -> new OscillatorNeuron(1, Integrator.RK4, 0));
    }
}
