package io.spinloop.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FastMathTest {
    private static void assertWithinBound(double x) {
        double ref = Math.tanh(x);
        double fast = FastMath.tanh(x);
        double err = Math.abs(fast - ref);
        assertTrue(err <= FastMath.TANH_MAX_ABS_ERROR, "absolute error " + err + " at x = " + x);
        double relBound = FastMath.TANH_MAX_REL_ERROR * Math.abs(ref) + (Math.abs(x) < Double.MIN_NORMAL ? Double.MIN_VALUE : 0);
        assertTrue(err <= relBound, "relative error " + err / Math.abs(ref) + " at x = " + x);
        assertTrue(Math.abs(fast) < 1 || fast == ref, "|tanh| < 1 at x = " + x);
        assertEquals(-fast, FastMath.tanh(-x), 0.0, "odd at x = " + x);
    }

    @Test
    void errorStaysWithinTheDocumentedBoundOnADenseGrid() {
        // Step 1e-5 over [-20, 20] (4 million points): covers the fitted range [0, 12] and the clamp beyond it.
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            assertWithinBound(i * 1e-5);
        }
        // Logarithmic grid from the smallest subnormal to the largest double, both signs.
        for (double x = Double.MIN_VALUE; x < Double.MAX_VALUE / 1.01; x = Math.max(x * 1.01, Math.nextUp(x))) {
            assertWithinBound(x);
            assertWithinBound(-x);
        }
    }

    @Test
    void edgeCases() {
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(FastMath.tanh(0.0)), "+0");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(FastMath.tanh(-0.0)), "-0");
        assertTrue(Double.isNaN(FastMath.tanh(Double.NaN)));
        for (double x : new double[] {Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1e-8, 0.5, 1,
                FastMath.TANH_CLAMP, Math.nextUp(FastMath.TANH_CLAMP), 19, 1e300, Double.MAX_VALUE,
                Double.POSITIVE_INFINITY}) {
            assertWithinBound(x);
            assertWithinBound(-x);
        }
        assertEquals(Double.MIN_VALUE, FastMath.tanh(Double.MIN_VALUE), 0.0, "tiny inputs pass through");
        assertEquals(FastMath.tanh(FastMath.TANH_CLAMP), FastMath.tanh(Double.POSITIVE_INFINITY), 0.0);
    }

    @Test
    void theBackwardPassDerivativeMatchesTheApproximationItself() {
        // The kernels' backward passes use 1 - y² with y = FastMath.tanh(x): it must be the slope of the
        // approximation (central difference), to the approximation's own error, not only of Math.tanh.
        double h = 1e-5;
        for (int i = -1200; i <= 1200; i++) {
            double x = i * 0.01 + 0.003;
            double y = FastMath.tanh(x);
            double slope = (FastMath.tanh(x + h) - FastMath.tanh(x - h)) / (2 * h);
            double backward = 1 - y * y;
            assertEquals(slope, backward, 5e-9, "at x = " + x);
            assertEquals(1 - Math.tanh(x) * Math.tanh(x), backward, 2 * FastMath.TANH_MAX_ABS_ERROR + 1e-15, "at x = " + x);
        }
    }

    @Test
    void arrayVariantsAgreeWithTheScalarOne() {
        double[] a = new double[37];
        double[] b = new double[37];
        double[] out = new double[37];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i - 18) * 0.7;
            b[i] = 0.1 * i;
        }
        FastMath.tanhBiased(a, b, out, 35);
        double[] c = a.clone();
        FastMath.tanhInPlace(c, 35);
        for (int i = 0; i < 35; i++) {
            assertEquals(FastMath.tanh(a[i] + b[i]), out[i], 0.0);
            assertEquals(FastMath.tanh(a[i]), c[i], 0.0);
        }
        assertEquals(0.0, out[35], 0.0, "only [0, n) written");
        assertEquals(a[36], c[36], 0.0);
    }

    private static void assertExpWithinBound(double x) {
        double ref = Math.exp(x);
        double fast = FastMath.exp(x);
        double bound = FastMath.EXP_MAX_REL_ERROR * ref + (ref < Double.MIN_NORMAL ? Double.MIN_VALUE : 0);
        assertTrue(Math.abs(fast - ref) <= bound, "exp error " + Math.abs(fast - ref) / ref + " relative at x = " + x);
    }

    @Test
    void expStaysWithinTheDocumentedBoundOverItsWholeRange() {
        // Step 1e-5 over [-20, 20] (where the kernels' log-diffusion and the oscillator's exponents live), then every
        // 0.00137 (not a multiple of ln 2 or of 2^-11, so the grid walks through all reduced arguments) over the
        // whole finite range, from the first subnormal results to overflow.
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            assertExpWithinBound(i * 1e-5);
        }
        for (double x = -745.2; x <= 709.78; x += 0.00137) {
            assertExpWithinBound(x);
        }
        // Near the ends of the range, every ulp-ish step.
        for (double x = 709.78; x < 709.7827; x = Math.nextUp(Math.nextUp(x + 1e-7))) {
            assertExpWithinBound(x);
        }
    }

    @Test
    void expSpecialValues() {
        assertEquals(1.0, FastMath.exp(0.0), 0.0, "exp(0) = 1 exactly");
        assertEquals(1.0, FastMath.exp(-0.0), 0.0);
        assertTrue(Double.isNaN(FastMath.exp(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, FastMath.exp(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, FastMath.exp(709.8), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, FastMath.exp(Double.MAX_VALUE), 0.0);
        assertEquals(0.0, FastMath.exp(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(0.0, FastMath.exp(-745.2), 0.0);
        assertEquals(0.0, FastMath.exp(-Double.MAX_VALUE), 0.0);
        for (double x : new double[] {Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, 1e-17, 1e-9, 0.5, 1, Math.log(2), 20, 100,
                -100, -700, -708.4, -720, -745, 709, 709.78}) {
            assertExpWithinBound(x);
        }
        assertEquals(Math.E, FastMath.exp(1.0), FastMath.EXP_MAX_REL_ERROR * Math.E);
    }

    @Test
    void expArrayVariantAgreesWithTheScalarOne() {
        double[] in = new double[41];
        double[] out = new double[41];
        for (int i = 0; i < in.length; i++) {
            in[i] = (i - 20) * 1.9;
        }
        FastMath.exp(in, out, 40);
        for (int i = 0; i < 40; i++) {
            assertEquals(FastMath.exp(in[i]), out[i], 0.0);
        }
        assertEquals(0.0, out[40], 0.0, "only [0, n) written");
    }

    @Test
    void theFusedAndThePlainFormsBothKeepTheBounds() {
        // FastMath picks one form by the JIT's UseFMA; the grids above test the one picked, this tests both.
        for (int i = -400_000; i <= 400_000; i++) {
            double x = i * 5e-5 + 1e-7;
            double t = Math.tanh(x);
            for (double fast : new double[] {FastMath.tanhFma(x), FastMath.tanhPlain(x)}) {
                assertTrue(Math.abs(fast - t) <= FastMath.TANH_MAX_ABS_ERROR, "tanh at x = " + x);
                assertTrue(Math.abs(fast - t) <= FastMath.TANH_MAX_REL_ERROR * Math.abs(t), "tanh relative at x = " + x);
            }
            double e = Math.exp(x);
            for (double fast : new double[] {FastMath.expFma(x), FastMath.expPlain(x)}) {
                assertTrue(Math.abs(fast - e) <= FastMath.EXP_MAX_REL_ERROR * e, "exp at x = " + x);
            }
        }
        for (double x = -745.2; x <= 709.78; x += 0.0173) {
            double e = Math.exp(x);
            double bound = FastMath.EXP_MAX_REL_ERROR * e + (e < Double.MIN_NORMAL ? Double.MIN_VALUE : 0);
            assertTrue(Math.abs(FastMath.expFma(x) - e) <= bound, "fused exp at x = " + x);
            assertTrue(Math.abs(FastMath.expPlain(x) - e) <= bound, "plain exp at x = " + x);
        }
        assertEquals(FastMath.FMA ? FastMath.tanhFma(0.3) : FastMath.tanhPlain(0.3), FastMath.tanh(0.3), 0.0);
        assertEquals(FastMath.FMA ? FastMath.expFma(0.3) : FastMath.expPlain(0.3), FastMath.exp(0.3), 0.0);
    }

    @Test
    void expNegAbsKeepsItsBoundsAndItsAccuracyNearOne() {
        for (int i = 0; i <= 2_000_000; i++) {
            // [-20, 20] by 1e-5, then the rest of the normal range by 0.00137.
            double x = i * 1e-5;
            assertNegAbs(x);
            assertNegAbs(-x);
        }
        for (double x = 20; x <= 708.39; x += 0.00137) {
            assertNegAbs(x);
        }
        // Tiny arguments, geometric from 1e-300 to 1: e - 1 (the step's cancelling term) within Math.exp's own error
        // of expm1 plus one ulp of 1.
        for (double x = 1e-300; x <= 1; x *= 1.001) {
            double fast = FastMath.expNegAbs(x);
            double ref = Math.exp(-x);
            assertTrue(Math.abs(fast - ref) <= FastMath.EXP_NEG_ABS_SMALL_ARG_REL_ERROR * ref, "expNegAbs at x = " + x);
            double exact = Math.expm1(-x);
            assertTrue(Math.abs((fast - 1) - exact) <= Math.abs((ref - 1) - exact) + Math.ulp(1.0), "e - 1 at x = " + x);
        }
        assertEquals(1.0, FastMath.expNegAbs(0.0), 0.0);
        assertEquals(1.0, FastMath.expNegAbs(-0.0), 0.0);
        assertTrue(Double.isNaN(FastMath.expNegAbs(Double.NaN)));
        for (double x : new double[] {708.5, 720, 745.2, 1e300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double fast = FastMath.expNegAbs(x);
            assertTrue(fast >= 0 && Math.abs(fast - Math.exp(-Math.abs(x))) <= 5.6e-309, "subnormal range at x = " + x);
        }
    }

    private static void assertNegAbs(double x) {
        double ref = Math.exp(-Math.abs(x));
        double bound = (Math.abs(x) <= 1 ? FastMath.EXP_NEG_ABS_SMALL_ARG_REL_ERROR : FastMath.EXP_NEG_ABS_MAX_REL_ERROR) * ref;
        assertTrue(Math.abs(FastMath.expNegAbs(x) - ref) <= bound, "expNegAbs error " + Math.abs(FastMath.expNegAbs(x) - ref) / ref
                + " relative at x = " + x);
    }

    // ---- tanhFloat (issue 17, third increment) ----

    /** Checks one float; builds a message only on failure (millions of points). */
    private static void assertFloatWithinBound(float x, boolean fused) {
        float fast = fused ? FastMath.tanhFloatFma(x) : FastMath.tanhFloatPlain(x);
        float neg = fused ? FastMath.tanhFloatFma(-x) : FastMath.tanhFloatPlain(-x);
        double ref = Math.tanh(x);
        double err = Math.abs(fast - ref);
        boolean ok = err <= FastMath.TANH_FLOAT_MAX_ABS_ERROR
                && (Math.abs(x) >= Float.MIN_NORMAL ? err <= FastMath.TANH_FLOAT_MAX_REL_ERROR * Math.abs(ref) : fast == x)
                && Math.abs(fast) <= 1.0f && 1 - fast * fast >= 0 && neg == -fast;
        if (!ok) {
            org.junit.jupiter.api.Assertions.fail("tanhFloat" + (fused ? " (fma)" : "") + " at x = " + x + ": " + fast
                    + " against " + ref + " (error " + err + ", relative " + err / Math.abs(ref) + "), at -x " + neg);
        }
    }

    @Test
    void tanhFloatStaysWithinItsBoundOverEveryFloatRange() {
        for (boolean fused : new boolean[] {true, false}) {
            // Every 211th positive float, from the smallest subnormal to the largest float (10 million points; the
            // negative ones by oddness), then every 7th float in [0.5, 13], where the error is largest and the clamp acts.
            for (int bits = 1; bits < 0x7f800000; bits += 211) {
                assertFloatWithinBound(Float.intBitsToFloat(bits), fused);
            }
            for (int bits = Float.floatToIntBits(0.5f); bits <= Float.floatToIntBits(13f); bits += 7) {
                assertFloatWithinBound(Float.intBitsToFloat(bits), fused);
            }
        }
    }

    @Test
    void tanhFloatSpecialValuesAndTheScalarDispatch() {
        assertEquals(Float.floatToRawIntBits(0.0f), Float.floatToRawIntBits(FastMath.tanhFloat(0.0f)), "+0");
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(FastMath.tanhFloat(-0.0f)), "-0");
        assertTrue(Float.isNaN(FastMath.tanhFloat(Float.NaN)));
        assertEquals(1.0f, FastMath.tanhFloat(Float.POSITIVE_INFINITY), 0.0f);
        assertEquals(-1.0f, FastMath.tanhFloat(Float.NEGATIVE_INFINITY), 0.0f);
        assertEquals(1.0f, FastMath.tanhFloat(Float.MAX_VALUE), 0.0f);
        for (float x : new float[] {1e-3f, 0.5f, 1f, 3f, 11.9f, 12f, 20f}) {
            float expected = FastMath.FMA ? FastMath.tanhFloatFma(x) : FastMath.tanhFloatPlain(x);
            assertEquals(expected, FastMath.tanhFloat(x), 0.0f, "the form the JIT's FMA setting picks, at x = " + x);
        }
    }

    @Test
    void tanhFloatAgreesWithTheDoubleTanhToTheFloatBound() {
        // The float kernel's activations against the double kernel's: the difference is the float bound plus the
        // double's 2e-10, over the range the networks' pre-activations take.
        for (int i = -100_000; i <= 100_000; i++) {
            float x = i * 1e-4f;
            assertEquals(FastMath.tanh(x), FastMath.tanhFloat(x), FastMath.TANH_FLOAT_MAX_ABS_ERROR + FastMath.TANH_MAX_ABS_ERROR,
                    "at x = " + x);
        }
    }
}
