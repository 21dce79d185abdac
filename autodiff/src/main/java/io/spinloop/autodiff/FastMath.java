package io.spinloop.autodiff;

/**
 * A fast hyperbolic tangent for the fused kernels, written so that C2's superword pass vectorizes the array
 * variants: straight-line multiplies, adds and one divide, with the clamps (input and output) as {@code Math.min}/{@code
 * Math.max} (no branch). On JDK 17 {@code Math.tanh} is a call into the native fdlibm routine for every element, which no loop
 * around it can vectorize.
 *
 * <p>The approximation is {@code tanh(x) ≈ c·P(s)/Q(s)} with {@code c = clamp(x, ±12)}, {@code s = (c/12)²}, P and
 * Q of degree 7 with {@code P(0) = Q(0) = 1}: a weighted least-squares (Lawson) fit of the relative error on
 * [0, 12], made in double precision with numpy. Because {@code P(0) = Q(0) = 1} it is exact to first order at 0
 * (slope 1, odd), and the clamp at 12 costs {@code 1 - tanh(12) = 7.6e-11}.
 *
 * <p><b>Error</b> (against {@code Math.tanh}, itself within 1 ulp; checked on a dense grid and at the edges by
 * {@code FastMathTest}):
 * <ul>
 *   <li>absolute: {@code |fast - tanh| <= }{@value #TANH_MAX_ABS_ERROR} for every double;</li>
 *   <li>relative: {@code |fast - tanh| <= }{@value #TANH_MAX_REL_ERROR}{@code ·|tanh|} for every double except
 *       subnormal inputs, where the result may also be off by one subnormal ulp (4.9e-324) of rounding;</li>
 *   <li>odd and sign-preserving: {@code fast(-x) = -fast(x)}, {@code fast(±0) = ±0}, {@code |fast| < 1};</li>
 *   <li>{@code ±∞} and {@code ±huge} give {@code ±tanh(12) = ±(1 - 7.6e-11)} (the output is capped there), NaN gives NaN.</li>
 * </ul>
 * The backward passes use {@code 1 - y²} with y this function's output; it differs from the exact derivative of
 * the approximation by at most about {@code 5e-9} (the test checks it against a central difference), so a
 * gradient that uses it belongs to the approximated forward, not to {@code Math.tanh}.
 *
 * <p>{@link #exp(double)} is {@code exp(x) = exp(x / 2¹¹)^(2¹¹)}: the argument is scaled by an exact power of two
 * (no rounding), a degree-13 Taylor polynomial gives {@code exp} on {@code |x / 2¹¹| <= 0.365} (truncation below
 * 1e-17), and eleven squarings undo the scaling. Only multiplies and adds, no table and no bit manipulation of the
 * exponent, so C2 vectorizes loops over it (on JDK 17 {@code Math.exp} is a scalar stub call). Each squaring
 * doubles the relative error that comes into it, so the polynomial's rounding (about 1e-16) grows to at most
 * {@value #EXP_MAX_REL_ERROR} relative: that is the documented bound, checked by {@code FastMathTest}
 * <ul>
 *   <li>relative: {@code |fast - exp| <= }{@value #EXP_MAX_REL_ERROR}{@code ·exp(x)} wherever {@code exp(x)} is a
 *       normal double ({@code -708.39 <= x <= 709.78}); below that the result is within one subnormal ulp plus that
 *       relative error of {@code Math.exp} (it loses precision as every subnormal does);</li>
 *   <li>{@code exp(0) = 1} exactly; {@code x > 709.79} and {@code +∞} give {@code +∞}; {@code x < -745.2} and
 *       {@code -∞} give {@code +0}; NaN gives NaN.</li>
 * </ul>
 */
public final class FastMath {
    /** Inputs beyond ±this are clamped: {@code 1 - tanh(12) = 7.6e-11}. */
    public static final double TANH_CLAMP = 12.0;
    /** The documented absolute error bound of {@link #tanh(double)} over all doubles. */
    public static final double TANH_MAX_ABS_ERROR = 2e-10;
    /** The documented relative error bound of {@link #tanh(double)} over all normal doubles. */
    public static final double TANH_MAX_REL_ERROR = 2e-10;

    /** {@code Math.tanh(12) = 1 - 7.6e-11}: the largest value returned. */
    public static final double TANH_AT_CLAMP = Math.tanh(TANH_CLAMP);
    private static final double INV_CLAMP2 = 1.0 / (TANH_CLAMP * TANH_CLAMP);
    // Coefficients of s^1..s^7 (constant terms are 1).
    private static final double P1 = 19.127870266203885;
    private static final double P2 = 68.57518517267135;
    private static final double P3 = 31.55030658564658;
    private static final double P4 = -42.746202395621644;
    private static final double P5 = 21.537435917622222;
    private static final double P6 = 24.0755797135716;
    private static final double P7 = 1.1936670541246324;
    private static final double Q1 = 67.12787016867586;
    private static final double Q2 = 525.9129822030607;
    private static final double Q3 = 828.5774740188646;
    private static final double Q4 = -249.71823657009452;
    private static final double Q5 = -213.23667743907288;
    private static final double Q6 = 433.17762592938277;
    private static final double Q7 = 98.92506941754307;

    /** The documented relative error bound of {@link #exp(double)} wherever the result is a normal double. */
    public static final double EXP_MAX_REL_ERROR = 1e-12;
    /** Arguments are clamped to [EXP_LOW, EXP_HIGH]: {@code exp} is +0 below and +∞ above either way. */
    private static final double EXP_LOW = -746.0;
    private static final double EXP_HIGH = 710.0;
    /** 2⁻¹¹: exact, so the scaled argument carries no rounding. */
    private static final double EXP_SCALE = 1.0 / 2048;
    /** {@link #expNegAbs} clamps |x| here, where {@code exp(|x|)} is still finite. */
    private static final double EXP_NEG_ABS_CLAMP = 709.78;
    /** The documented relative error bound of {@link #expNegAbs} where the result is a normal double. */
    public static final double EXP_NEG_ABS_MAX_REL_ERROR = 1e-12;
    /** The documented relative error bound of {@link #expNegAbs} for {@code |x| <= 1}. */
    public static final double EXP_NEG_ABS_SMALL_ARG_REL_ERROR = 1e-15;
    // 1/k! for k = 2..13 (k = 0, 1 are 1).
    private static final double E2 = 1.0 / 2;
    private static final double E3 = 1.0 / 6;
    private static final double E4 = 1.0 / 24;
    private static final double E5 = 1.0 / 120;
    private static final double E6 = 1.0 / 720;
    private static final double E7 = 1.0 / 5040;
    private static final double E8 = 1.0 / 40320;
    private static final double E9 = 1.0 / 362880;
    private static final double E10 = 1.0 / 3628800;
    private static final double E11 = 1.0 / 39916800;
    private static final double E12 = 1.0 / 479001600;
    private static final double E13 = 1.0 / 6227020800.0;

    /**
     * Whether the JIT turns {@code Math.fma} into the CPU's fused multiply-add (HotSpot's {@code UseFMA}, on by default
     * where the CPU has it): then the polynomials use it, about 1.3-1.6× faster in vectorized loops and no less
     * accurate. Without it {@code Math.fma} is a slow exact library routine, so the plain form is used. The two
     * differ in the last bits only; both are held to the same bounds by the tests.
     */
    static final boolean FMA = jitUsesFma();

    private FastMath() {
    }

    private static boolean jitUsesFma() {
        try {
            return "true".equals(java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** exp(x) within the bounds in the class comment; branch-free so loops over it vectorize. */
    public static double exp(double x) {
        return FMA ? expFma(x) : expPlain(x);
    }

    /** {@link #exp} with the polynomial in fused multiply-adds. */
    static double expFma(double x) {
        double y = Math.max(EXP_LOW, Math.min(EXP_HIGH, x)) * EXP_SCALE;
        double p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
                Math.fma(Math.fma(E13, y, E12), y, E11), y, E10), y, E9), y, E8), y, E7), y, E6), y, E5), y, E4), y, E3), y,
                E2), y, 1.0), y, 1.0);
        return squareEleven(p);
    }

    /** {@link #exp} with separate multiplies and adds. */
    static double expPlain(double x) {
        double y = Math.max(EXP_LOW, Math.min(EXP_HIGH, x)) * EXP_SCALE;
        double p = ((((((((((((E13 * y + E12) * y + E11) * y + E10) * y + E9) * y + E8) * y + E7) * y + E6) * y + E5) * y
                + E4) * y + E3) * y + E2) * y + 1.0) * y + 1.0;
        return squareEleven(p);
    }

    /** p^(2¹¹). */
    private static double squareEleven(double p) {
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        return p * p;
    }

    /**
     * {@code exp(-|x|)}, the decaying exponential of a closed-form step, with the small-argument accuracy that
     * {@link #exp} lacks: formulas such as {@code (e - 1) / a} cancel, and they need {@code e} within a few ulps of
     * 1 when {@code |x|} is small, not within 1e-12. Computed as {@code 1 / (1 + q)} with {@code q = exp(|x|) - 1}
     * formed by the same polynomial and eleven steps {@code q ← q(2 + q)} (that is {@code (1 + q)² - 1} without
     * rounding {@code 1 + q}), so the error stays near the polynomial's own for small arguments and grows to the
     * squarings' {@value #EXP_MAX_REL_ERROR} only for large ones. Bounds (checked by {@code FastMathTest}): relative
     * error at most {@value #EXP_NEG_ABS_MAX_REL_ERROR} where the result is a normal double, and at most {@value
     * #EXP_NEG_ABS_SMALL_ARG_REL_ERROR} for {@code |x| <= 1}; {@code e - 1} then within the same absolute error as
     * {@code Math.exp(-|x|) - 1} plus 1 ulp. Results below {@code Double.MIN_NORMAL} ({@code |x| > 708.39}, ±∞
     * included) are within 5.6e-309 absolute (the clamp stops at 5.58e-309 rather than 0); NaN gives NaN. Branch-free, so loops over it vectorize.
     */
    public static double expNegAbs(double x) {
        double y = Math.min(Math.abs(x), EXP_NEG_ABS_CLAMP) * EXP_SCALE;
        double q = FMA ? expm1PolyFma(y) : expm1PolyPlain(y);
        return 1.0 / (1.0 + (FMA ? doubleElevenFma(q) : doubleElevenPlain(q)));
    }

    /** Eleven times {@code q ← q(2 + q)}: from exp(y) - 1 to exp(2¹¹ y) - 1. */
    private static double doubleElevenFma(double q) {
        q = Math.fma(q, q, q + q);
        q = Math.fma(q, q, q + q);
        q = Math.fma(q, q, q + q);
        q = Math.fma(q, q, q + q);
        q = Math.fma(q, q, q + q);
        q = Math.fma(q, q, q + q);
        q = Math.fma(q, q, q + q);
        q = Math.fma(q, q, q + q);
        q = Math.fma(q, q, q + q);
        q = Math.fma(q, q, q + q);
        return Math.fma(q, q, q + q);
    }

    private static double doubleElevenPlain(double q) {
        q = q * (2.0 + q);
        q = q * (2.0 + q);
        q = q * (2.0 + q);
        q = q * (2.0 + q);
        q = q * (2.0 + q);
        q = q * (2.0 + q);
        q = q * (2.0 + q);
        q = q * (2.0 + q);
        q = q * (2.0 + q);
        q = q * (2.0 + q);
        return q * (2.0 + q);
    }

    /** exp(y) - 1 for |y| <= 0.35 by its Taylor polynomial of degree 13, in fused multiply-adds. */
    static double expm1PolyFma(double y) {
        return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
                Math.fma(E13, y, E12), y, E11), y, E10), y, E9), y, E8), y, E7), y, E6), y, E5), y, E4), y, E3), y, E2), y,
                1.0) * y;
    }

    static double expm1PolyPlain(double y) {
        return ((((((((((((E13 * y + E12) * y + E11) * y + E10) * y + E9) * y + E8) * y + E7) * y + E6) * y + E5) * y
                + E4) * y + E3) * y + E2) * y + 1.0) * y;
    }

    /** {@code out[i] = exp(in[i])} for i in [0, n). */
    public static void exp(double[] in, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = exp(in[i]);
        }
    }

    /** tanh(x) within the bounds in the class comment; branch-free so loops over it vectorize. */
    public static double tanh(double x) {
        return FMA ? tanhFma(x) : tanhPlain(x);
    }

    /** {@link #tanh} with the polynomials in fused multiply-adds (the path where the CPU has them). */
    static double tanhFma(double x) {
        double c = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x));
        double s = c * c * INV_CLAMP2;
        double p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(P7, s, P6), s, P5), s, P4), s, P3), s, P2),
                s, P1), s, 1.0);
        double q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Q7, s, Q6), s, Q5), s, Q4), s, Q3), s, Q2),
                s, Q1), s, 1.0);
        // The fit overshoots 1 by up to 3e-11 just below the clamp: cap it, so that |y| < 1 and 1 - y² > 0.
        return Math.max(-TANH_AT_CLAMP, Math.min(TANH_AT_CLAMP, c * p / q));
    }

    /** {@link #tanh} with separate multiplies and adds (CPUs without FMA, where {@code Math.fma} is a slow library call). */
    static double tanhPlain(double x) {
        double c = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x));
        double s = c * c * INV_CLAMP2;
        double p = ((((((P7 * s + P6) * s + P5) * s + P4) * s + P3) * s + P2) * s + P1) * s + 1.0;
        double q = ((((((Q7 * s + Q6) * s + Q5) * s + Q4) * s + Q3) * s + Q2) * s + Q1) * s + 1.0;
        return Math.max(-TANH_AT_CLAMP, Math.min(TANH_AT_CLAMP, c * p / q));
    }

    /** {@code a[i] = tanh(a[i])} for i in [0, n). */
    public static void tanhInPlace(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = tanh(a[i]);
        }
    }

    /** {@code out[i] = tanh(in[i] + bias[i])} for i in [0, n): a layer's activation after its sums. */
    public static void tanhBiased(double[] in, double[] bias, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = tanh(in[i] + bias[i]);
        }
    }

    // ---- float32 (issue 17, third increment): the twin fit's single-precision kernel ----

    /** The documented absolute error bound of {@link #tanhFloat(float)} over all floats. */
    public static final float TANH_FLOAT_MAX_ABS_ERROR = 5e-7f;
    /** The documented relative error bound of {@link #tanhFloat(float)} over all normal floats. */
    public static final float TANH_FLOAT_MAX_REL_ERROR = 5e-7f;
    private static final float INV_CLAMP2_F = (float) INV_CLAMP2;
    private static final float CLAMP_F = (float) TANH_CLAMP;

    /**
     * tanh in single precision, for loops over float arrays (twice the lanes of a double vector): the same degree-7/7
     * rational as {@link #tanh(double)}, its coefficients rounded to float, evaluated in float. The rounding of the
     * coefficients and of the evaluation (a few float ulps) dominates the approximation's own 2e-10. Bounds (checked
     * by {@code FastMathTest} against {@code Math.tanh} over every float in a dense sweep): absolute {@value
     * #TANH_FLOAT_MAX_ABS_ERROR}, relative {@value #TANH_FLOAT_MAX_REL_ERROR} for normal inputs; odd, {@code ±0}
     * kept, {@code |y| <= 1} (the cap is {@code 1f}, which is {@code tanh(12)} rounded), ±∞ → ±1, NaN → NaN.
     * Branch-free, so loops over it vectorize.
     */
    public static float tanhFloat(float x) {
        return FMA ? tanhFloatFma(x) : tanhFloatPlain(x);
    }

    /** {@link #tanhFloat} in fused multiply-adds. */
    static float tanhFloatFma(float x) {
        float c = Math.max(-CLAMP_F, Math.min(CLAMP_F, x));
        float s = c * c * INV_CLAMP2_F;
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma((float) P7, s, (float) P6), s, (float) P5), s,
                (float) P4), s, (float) P3), s, (float) P2), s, (float) P1), s, 1.0f);
        float q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma((float) Q7, s, (float) Q6), s, (float) Q5), s,
                (float) Q4), s, (float) Q3), s, (float) Q2), s, (float) Q1), s, 1.0f);
        return Math.max(-1.0f, Math.min(1.0f, c * p / q));
    }

    /** {@link #tanhFloat} with separate multiplies and adds. */
    static float tanhFloatPlain(float x) {
        float c = Math.max(-CLAMP_F, Math.min(CLAMP_F, x));
        float s = c * c * INV_CLAMP2_F;
        float p = (((((((float) P7 * s + (float) P6) * s + (float) P5) * s + (float) P4) * s + (float) P3) * s + (float) P2) * s
                + (float) P1) * s + 1.0f;
        float q = (((((((float) Q7 * s + (float) Q6) * s + (float) Q5) * s + (float) Q4) * s + (float) Q3) * s + (float) Q2) * s
                + (float) Q1) * s + 1.0f;
        return Math.max(-1.0f, Math.min(1.0f, c * p / q));
    }
}
