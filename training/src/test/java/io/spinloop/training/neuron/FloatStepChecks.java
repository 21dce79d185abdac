package io.spinloop.training.neuron;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

/**
 * The float32 steps against the double closed form ({@link OscillatorNeuron}'s double stepWithJacobian on the same
 * float values), shared by the tests of both {@link FloatOscillatorStep}s. Each value may err by its relative bound
 * (one for |z| ≤ 2, one beyond) plus {@link LogisticStepFloat#ABS_ERROR_FLOOR} times its scale: 1 for the state and
 * its x-derivative, dt for the drive derivative (which is of order x·dt).
 */
final class FloatStepChecks {
    static final double TAU = 4.205;
    static final double GAMMA = 1 / TAU;
    /**
     * |z| = |I − γ|·dt of the grid, each of both signs: tiny, moderate and large, up to 200, where the documented
     * bounds hold (the Taylor region of the double form, the six doublings, the large-w forms past 32).
     */
    static final double[] Z = {0, 1e-9, 1e-6, 1e-4, 3e-3, 0.05, 0.3, 0.5, 1, 1.99, 2.01, 2.5, 7, 15, 31.9, 32, 32.1, 45,
        63.9, 64.1, 88, 200};
    /** States from 0 to 1. */
    static final double[] X = {0, 1e-4, 0.03, 0.25, 0.5, 0.77, 0.999, 1};

    private FloatStepChecks() {
    }

    /** Every (x, z) of the grids (z of both signs) over each dt, stepped as one row of {@code |zs|·2·|xs|}. */
    static void assertWithinBounds(FloatOscillatorStep step, double[] zs, double[] xs, double[] dts, double nearRel,
            double farRel) {
        OscillatorNeuron osc = OscillatorNeuron.exact(TAU);
        for (double dt : dts) {
            List<double[]> cases = new ArrayList<>();
            for (double z : zs) {
                for (double sign : new double[] {1, -1}) {
                    // z = (I − γ) dt: the drive that gives this z.
                    double drive = (float) (sign * z / dt + GAMMA);
                    for (double x : xs) {
                        cases.add(new double[] {(float) x, drive});
                    }
                }
            }
            int n = cases.size();
            float[] xf = new float[n];
            float[] df = new float[n];
            double[] xd = new double[n];
            double[] dd = new double[n];
            for (int i = 0; i < n; i++) {
                xf[i] = (float) cases.get(i)[0];
                df[i] = (float) cases.get(i)[1];
                xd[i] = xf[i];
                dd[i] = df[i];
            }
            float[] nf = new float[n];
            float[] dxf = new float[n];
            float[] dif = new float[n];
            double[] nd = new double[n];
            double[] dxd = new double[n];
            double[] did = new double[n];
            step.stepWithJacobian((float) GAMMA, (float) dt, xf, df, nf, dxf, dif, n);
            osc.stepWithJacobian(dt, xd, dd, nd, dxd, did, n);
            for (int i = 0; i < n; i++) {
                String at = step.name() + " at x=" + xd[i] + " drive=" + dd[i] + " dt=" + dt;
                double z = (dd[i] - GAMMA) * dt;
                if (xd[i] == 0 && z > 700) {
                    // The double form's own edge: at the fixed point x = 0 with e^{-z} = 0 it divides 0 by 0.
                    continue;
                }
                double rel = Math.abs(z) <= 2 ? nearRel : farRel;
                check("x'", nf[i], nd[i], rel, 1, at);
                // Beyond z = 32 u is held at e^{-32}: the x-derivative u/D² of a near-zero state (D ≈ x) then errs by
                // up to e^{-32}/x² (the documented exception).
                double slack = z > 32 ? Math.exp(-32) / (xd[i] * xd[i]) : 0;
                if (slack < 1) {
                    check("dx'/dx", dxf[i], dxd[i], rel, 1 + slack / LogisticStepFloat.ABS_ERROR_FLOOR, at);
                }
                check("dx'/dI", dif[i], did[i], rel, dt, at);
            }
        }
    }

    static void check(String what, double got, double want, double rel, double scale, String at) {
        double bound = rel * Math.abs(want) + LogisticStepFloat.ABS_ERROR_FLOOR * scale;
        assertTrue(Double.isFinite(got) && Math.abs(got - want) <= bound,
                what + " = " + got + ", double " + want + " (error " + Math.abs(got - want) + ", bound " + bound
                        + ") at " + at);
    }
}
