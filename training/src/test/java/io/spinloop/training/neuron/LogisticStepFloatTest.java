package io.spinloop.training.neuron;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The oscillator's float32 step against its double closed form, over the whole range of drives a network produces and
 * beyond: tiny, moderate and large |z| of both signs, up to 200, where the documented bound holds (the Taylor region of
 * the double form, the six doublings, the large-w forms past 32), states from 0 to 1, two steps dt. The bound is
 * {@link LogisticStepFloat#MAX_REL_ERROR_NEAR} (|z| ≤ 2) or {@link LogisticStepFloat#MAX_REL_ERROR} relative to each
 * value, plus {@link LogisticStepFloat#ABS_ERROR_FLOOR} times the value's scale (1 for the state and its x-derivative,
 * dt for the drive derivative, which is of order x·dt).
 */
class LogisticStepFloatTest {
    private static final double TAU = 4.205;

    @Test
    void stepAndJacobianAreWithinTheDocumentedBoundOfTheDoubleClosedForm() {
        OscillatorNeuron osc = OscillatorNeuron.exact(TAU);
        double gamma = 1 / TAU;
        double[] zs = {0, 1e-9, 1e-6, 1e-4, 3e-3, 0.05, 0.3, 0.5, 1, 1.99, 2.01, 2.5, 7, 15, 31.9, 32, 32.1, 45, 63.9,
            64.1, 88, 200};
        double[] xs = {0, 1e-4, 0.03, 0.25, 0.5, 0.77, 0.999, 1};
        for (double dt : new double[] {1.0, 0.3}) {
            List<double[]> cases = new ArrayList<>();
            for (double z : zs) {
                for (double sign : new double[] {1, -1}) {
                    // z = (I − γ) dt: the drive that gives this z.
                    double drive = (float) (sign * z / dt + gamma);
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
            osc.stepWithJacobian((float) dt, xf, df, nf, dxf, dif, n);
            osc.stepWithJacobian(dt, xd, dd, nd, dxd, did, n);
            for (int i = 0; i < n; i++) {
                String at = "x=" + xd[i] + " drive=" + dd[i] + " dt=" + dt;
                if (xd[i] == 0 && (dd[i] - gamma) * dt > 700) {
                    // The double form's own edge: at the fixed point x = 0 with e^{-z} = 0 it divides 0 by 0.
                    continue;
                }
                double rel = Math.abs((dd[i] - gamma) * dt) <= 2 ? LogisticStepFloat.MAX_REL_ERROR_NEAR
                        : LogisticStepFloat.MAX_REL_ERROR;
                check("x'", nf[i], nd[i], rel, 1, at);
                // Beyond z = 32 u is held at e^{-32}: the x-derivative u/D² of a near-zero state (D ≈ x) then errs by
                // up to e^{-32}/x² (the class comment's exception).
                double slack = (dd[i] - gamma) * dt > 32 ? Math.exp(-32) / (xd[i] * xd[i]) : 0;
                if (slack < 1) {
                    check("dx'/dx", dxf[i], dxd[i], rel, 1 + slack / LogisticStepFloat.ABS_ERROR_FLOOR, at);
                }
                check("dx'/dI", dif[i], did[i], rel, dt, at);
            }
        }
    }

    @Test
    void anyLengthOfRowIsStepped() {
        OscillatorNeuron osc = OscillatorNeuron.exact(TAU);
        for (int n : new int[] {1, 15, 17, 64, 100}) {
            float[] x = new float[n];
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (i % 10) / 10f;
                d[i] = (i % 7 - 3) * 0.4f;
            }
            float[] nx = new float[n + 1];
            float[] dx = new float[n + 1];
            float[] di = new float[n + 1];
            nx[n] = -7f;
            osc.stepWithJacobian(1f, x, d, nx, dx, di, n);
            for (int i = 0; i < n; i++) {
                double[] ref = new double[3];
                double[] one = new double[1];
                osc.stepWithJacobian(1.0, new double[] {x[i]}, new double[] {d[i]}, one, new double[1], new double[1],
                        1);
                ref[0] = one[0];
                check("x' of element " + i + " of " + n, nx[i], ref[0], LogisticStepFloat.MAX_REL_ERROR, 1, "");
            }
            assertTrue(nx[n] == -7f, "wrote past n = " + n);
        }
    }

    private static void check(String what, double got, double want, double rel, double scale, String at) {
        double bound = rel * Math.abs(want) + LogisticStepFloat.ABS_ERROR_FLOOR * scale;
        assertTrue(Double.isFinite(got) && Math.abs(got - want) <= bound,
                what + " = " + got + ", double " + want + " (error " + Math.abs(got - want) + ", bound " + bound
                        + ") at " + at);
    }
}
