package io.spinloop.training.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The Vector API step against the double closed form (the grid of {@link FloatStepChecks}, as the plain step's test,
 * with {@link VectorLogisticStep}'s bounds), where the plain step's D cancels, on rows with a scalar tail, against the
 * plain step, and how the step is chosen. The tests run with the module (the parent pom's argLine).
 */
class VectorLogisticStepTest {
    private final FloatOscillatorStep vector = new VectorLogisticStep();
    private final FloatOscillatorStep plain = FloatOscillatorStep.select(false, null);

    @Test
    void stepAndJacobianAreWithinTheDocumentedBoundOfTheDoubleClosedForm() {
        // 22 z · 2 signs · 8 states = 352 values, a multiple of every vector length up to 32 lanes: no scalar tail.
        FloatStepChecks.assertWithinBounds(vector, FloatStepChecks.Z, FloatStepChecks.X, new double[] {1.0, 0.3},
                VectorLogisticStep.MAX_REL_ERROR_NEAR, VectorLogisticStep.MAX_REL_ERROR);
    }

    @Test
    void theBoundHoldsNearXOneWithStrongNegativeDrives() {
        // Where LogisticStepFloat's D = 1 + I·x·dt·ψ cancels (z < −2, x near 1, small dt: I·dt·ψ near −1); 11 · 2 · 8
        // = 176 values.
        double[] zs = {0.5, 1.5, 1.99, 2.5, 4, 7, 10, 13, 20, 27, 31.9};
        double[] xs = {0.5, 0.99, 0.999, 0.9999, 0.99999, 0.999999, 0.9999999, 1};
        FloatStepChecks.assertWithinBounds(vector, zs, xs, new double[] {1.0, 0.3, 0.05},
                VectorLogisticStep.MAX_REL_ERROR_NEAR, VectorLogisticStep.MAX_REL_ERROR);
    }

    @Test
    void rowsOfAnyLengthEndInThePlainLoopAndAgreeWithIt() {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        SplittableRandom rng = new SplittableRandom(5);
        float gamma = (float) FloatStepChecks.GAMMA;
        for (int n : new int[] {1, lanes - 1, lanes, lanes + 1, 3 * lanes + 5, 2048, 2048 + 7}) {
            float[] x = new float[n];
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) rng.nextDouble(0, 1);
                // Drives as in training: a = I − γ within ±1.5 per ns.
                d[i] = (float) (FloatStepChecks.GAMMA + rng.nextDouble(-1.5, 1.5));
            }
            float[][] v = step(vector, gamma, x, d, n);
            float[][] p = step(plain, gamma, x, d, n);
            int tail = n - n % lanes;
            for (int k = 0; k < 3; k++) {
                assertTrue(v[k][n] == -7f, "wrote past n = " + n);
                for (int i = 0; i < n; i++) {
                    String at = "output " + k + ", element " + i + " of " + n;
                    if (i >= tail) {
                        assertEquals(p[k][i], v[k][i], "the tail is the plain loop's: " + at);
                    } else {
                        // Both within their bound of the exact value (|z| ≤ 2 here).
                        FloatStepChecks.check("vector against plain", v[k][i], p[k][i],
                                VectorLogisticStep.MAX_REL_ERROR_NEAR + LogisticStepFloat.MAX_REL_ERROR_NEAR, 2, at);
                    }
                }
            }
        }
    }

    @Test
    void theNeuronsFloatStepIsTheSelectedOne() {
        OscillatorNeuron osc = OscillatorNeuron.exact(FloatStepChecks.TAU);
        int n = 100;
        float[] x = new float[n];
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 10) / 10f;
            d[i] = (i % 7 - 3) * 0.4f;
        }
        float[][] viaNeuron = new float[3][n + 1];
        osc.stepWithJacobian(1f, x, d, viaNeuron[0], viaNeuron[1], viaNeuron[2], n);
        float[][] direct = step(FloatOscillatorStep.SELECTED, (float) FloatStepChecks.GAMMA, x, d, n);
        for (int k = 0; k < 3; k++) {
            direct[k][n] = 0;
            assertArrayEquals(direct[k], viaNeuron[k], "output " + k);
        }
    }

    @Test
    void theVectorStepIsPickedOnlyWithTheModuleAndNotWhenRefused() {
        assertInstanceOf(PlainLogisticStep.class, FloatOscillatorStep.select(false, null));
        assertInstanceOf(PlainLogisticStep.class, FloatOscillatorStep.select(true, "false"));
        assertInstanceOf(VectorLogisticStep.class, FloatOscillatorStep.select(true, null));
        // The tests run with the module.
        assertEquals("vector", FloatOscillatorStep.SELECTED.name());
        assertEquals("plain", plain.name());
    }

    @Test
    void withoutTheModuleTheVectorClassIsNeverLoaded() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
                WithoutTheModule.class.getName()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), out);
        assertTrue(out.contains("selected plain, stepped"), out);
        // The class itself, not this test's nested classes (VectorLogisticStepTest$...).
        assertFalse(Pattern.compile("\\bio\\.spinloop\\.training\\.neuron\\.VectorLogisticStep\\b").matcher(out).find(),
                "loaded without the module: " + out);
        assertFalse(out.contains("jdk.incubator.vector"), "loaded without the module: " + out);
    }

    /** A JVM without {@code --add-modules jdk.incubator.vector}: the neuron's float step runs the plain loop. */
    static final class WithoutTheModule {
        public static void main(String[] args) {
            float[] x = {0.5f, 0.25f};
            float[] d = {0.3f, -0.2f};
            float[] next = new float[2];
            OscillatorNeuron.exact(FloatStepChecks.TAU).stepWithJacobian(1f, x, d, next, new float[2], new float[2], 2);
            System.out.println("selected " + FloatOscillatorStep.SELECTED.name() + ", stepped " + next[0]);
        }
    }

    private static float[][] step(FloatOscillatorStep step, float gamma, float[] x, float[] d, int n) {
        // One more element each: it must stay untouched.
        float[][] out = new float[3][n + 1];
        for (float[] o : out) {
            o[n] = -7f;
        }
        step.stepWithJacobian(gamma, 1f, x, d, out[0], out[1], out[2], n);
        return out;
    }
}
