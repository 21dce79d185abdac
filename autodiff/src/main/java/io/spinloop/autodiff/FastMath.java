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

    private FastMath() {
    }

    /** tanh(x) within the bounds in the class comment; branch-free so loops over it vectorize. */
    public static double tanh(double x) {
        double c = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x));
        double s = c * c * INV_CLAMP2;
        double p = ((((((P7 * s + P6) * s + P5) * s + P4) * s + P3) * s + P2) * s + P1) * s + 1.0;
        double q = ((((((Q7 * s + Q6) * s + Q5) * s + Q4) * s + Q3) * s + Q2) * s + Q1) * s + 1.0;
        // The fit overshoots 1 by up to 3e-11 just below the clamp: cap it, so that |y| < 1 and 1 - y² > 0.
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
}
