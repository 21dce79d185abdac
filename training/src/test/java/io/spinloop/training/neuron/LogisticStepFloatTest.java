package io.spinloop.training.neuron;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The plain float32 step ({@link LogisticStepFloat}'s loop) against its double closed form over the whole range of
 * drives a network produces and beyond ({@link FloatStepChecks}'s grid, two steps dt): within
 * {@link LogisticStepFloat#MAX_REL_ERROR_NEAR} (|z| ≤ 2) or {@link LogisticStepFloat#MAX_REL_ERROR} relative to each
 * value, plus {@link LogisticStepFloat#ABS_ERROR_FLOOR} times the value's scale.
 */
class LogisticStepFloatTest {
    private final FloatOscillatorStep plain = FloatOscillatorStep.select(false, null);

    @Test
    void stepAndJacobianAreWithinTheDocumentedBoundOfTheDoubleClosedForm() {
        FloatStepChecks.assertWithinBounds(plain, FloatStepChecks.Z, FloatStepChecks.X, new double[] {1.0, 0.3},
                LogisticStepFloat.MAX_REL_ERROR_NEAR, LogisticStepFloat.MAX_REL_ERROR);
    }

    @Test
    void anyLengthOfRowIsStepped() {
        OscillatorNeuron osc = OscillatorNeuron.exact(FloatStepChecks.TAU);
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
            plain.stepWithJacobian((float) FloatStepChecks.GAMMA, 1f, x, d, nx, dx, di, n);
            for (int i = 0; i < n; i++) {
                double[] one = new double[1];
                osc.stepWithJacobian(1.0, new double[] {x[i]}, new double[] {d[i]}, one, new double[1], new double[1],
                        1);
                FloatStepChecks.check("x' of element " + i + " of " + n, nx[i], one[0], LogisticStepFloat.MAX_REL_ERROR,
                        1, "");
            }
            assertTrue(nx[n] == -7f, "wrote past n = " + n);
        }
    }
}
