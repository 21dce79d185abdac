package io.spinloop.training.neuron;

/**
 * The oscillator's exact step ({@link OscillatorNeuron}) and its diagonal Jacobian in single precision, branch-free so
 * that the JIT vectorizes the loop (sixteen float lanes with AVX-512): the float32 pass of the network without the
 * Vector API ({@link FloatOscillatorStep#SELECTED}; with {@code jdk.incubator.vector} {@link VectorLogisticStep} runs
 * the same mathematics, and this loop only the rows' tails).
 *
 * <p>With a = I − γ, z = a·dt and w = |z|, write u = e^{−w}, ψ = (1 − e^{−w})/w and t = (1 − ψ)/w. Both signs of z
 * then share one form, x' = x·A/D with D = B + I·x·dt·ψ, where (A, B) = (u, 1) for z &lt; 0 and (1, u) for z ≥ 0 (the
 * closed form divided through by e^{z} when z &gt; 0, so nothing overflows), and
 * <pre>
 *   ∂x'/∂x = u / D²,     ∂x'/∂I = x·dt·A·(D − x·ψ − I·x·dt·Φ) / D²,   Φ = t (z ≥ 0), ψ − t (z &lt; 0),
 * </pre>
 * Near z = 0 the last bracket is evaluated as {@code (1 − x)·ψ + dt·(γ − I·(1 − x))·(ψ − Φ)}, the same without the
 * cancellation near x = 1; beyond |z| = 2, where ψ and Φ cancel, as {@code [B·(I·(1 − x) − γ) + x·γ·ψ]/(I − γ)}.
 * u, ψ and t come without cancellation from their Taylor series at w·2⁻⁶ ≤ 0.5, carried through six doublings
 * w → 2w: {@code u' = u², v' = v(2 − v), ψ' = ψ(1 − v/2), t' = t/2 + ψ²/4} with v = 1 − u = w·ψ (u is taken as 1 − v
 * below |z| = 2, as the squares beyond). Beyond w = 32, where e^{−w} is below float resolution, ψ = 1/w and
 * t = (1 − ψ)/w are exact and u is held at e^{−32}. The selections (the sign of z, w beyond 32, |z| beyond 2) are
 * ratios that are exactly 0 or 1, not branches nor {@code Math.min}/{@code max} compositions (with those C2 left the
 * loop scalar: 32 ns per element against 3), so the loop stays straight-line vectorized code.
 *
 * <p>The loop is one straight-line body of about 200 nodes: C2 unrolls and vectorizes it only with
 * {@code -XX:LoopUnrollLimit=250} or more, which the launcher passes (3 ns per element in a row of 2,048 floats against
 * 31 ns at the default 60; split into two loops it still took 9 ns). Without the option the results are the same.
 *
 * <p>Accuracy against the double-precision closed form (tested in {@code LogisticStepFloatTest}): every value within
 * {@link #MAX_REL_ERROR_NEAR} relative for |z| ≤ 2 (measured 5e-7) and {@link #MAX_REL_ERROR} beyond (measured 5e-5:
 * u's six squarings multiply the rounding of u0 by 64, and with strong negative drives D = B + I·x·dt·ψ cancels up to
 * some hundredfold near x = 1; a form of D without that cancellation made the loop too long for C2 to vectorize),
 * plus {@link #ABS_ERROR_FLOOR} times the value's scale (1 for x' and ∂x'/∂x, dt for ∂x'/∂I). Training in float does
 * not notice these: the input noise alone is 0.1. The bound holds for |z| ≤ 200 (drives far beyond a network's) with
 * one exception: beyond |z| = 32, where u is held at e^{−32}, ∂x'/∂x = u/D² errs by up to e^{−32}/D², which exceeds
 * the floor only where D is tiny: a state x below 1e-3 with z &gt; 32 (D ≈ x; at x = 0, a fixed point, ∂x'/∂x is
 * e^{32} instead of e^{z}), or z below −700 with x near 1.
 */
final class LogisticStepFloat {
    /** The documented relative error bound of the step and its Jacobian for |z| ≤ 2, against the exact closed form. */
    static final double MAX_REL_ERROR_NEAR = 1e-6;
    /** The same beyond |z| = 2 (see the class comment). */
    static final double MAX_REL_ERROR = 1e-4;
    /** Absolute error floor (float resolution of values of order one). */
    static final double ABS_ERROR_FLOOR = 1e-7;

    /** Beyond this w, e^{−w} is below float resolution of 1. */
    private static final float W_MAX = 32f;
    private static final float INV_W_MAX = 1 / W_MAX;
    private static final float REDUCE = 1f / 64;
    /** Far below any |z| that moves u away from 1 in float, far above the smallest float. */
    private static final float TINY = 1e-30f;
    /** Beyond this |z| the drive derivative takes its large-|z| form. */
    private static final float E_SWITCH = 2f;
    /** Added to a = I − γ where the large-|z| form is not used, so that its division stays finite. */
    private static final float SAFE = 1e20f;

    // ψ(w) = Σ_k (−w)^k/(k+1)!, t(w) = Σ_k (−w)^k/(k+2)!, k = 0..8: below 2e-9 truncation error at w ≤ 0.5.
    static final float P1 = (float) (-1.0 / 2);
    static final float P2 = (float) (1.0 / 6);
    static final float P3 = (float) (-1.0 / 24);
    static final float P4 = (float) (1.0 / 120);
    static final float P5 = (float) (-1.0 / 720);
    static final float P6 = (float) (1.0 / 5040);
    static final float P7 = (float) (-1.0 / 40320);
    static final float P8 = (float) (1.0 / 362880);
    static final float T0 = (float) (1.0 / 2);
    static final float T1 = (float) (-1.0 / 6);
    static final float T2 = (float) (1.0 / 24);
    static final float T3 = (float) (-1.0 / 120);
    static final float T4 = (float) (1.0 / 720);
    static final float T5 = (float) (-1.0 / 5040);
    static final float T6 = (float) (1.0 / 40320);
    static final float T7 = (float) (-1.0 / 362880);
    static final float T8 = (float) (1.0 / 3628800);

    private LogisticStepFloat() {
    }

    /**
     * {@code xNext[i] = Φ(x[i], drive[i])} over {@code dt} for the logistic oscillator with rate {@code gamma}, and its
     * derivatives by x and by the drive, for i in [0, n).
     */
    static void stepWithJacobian(float gamma, float dt, float[] x, float[] drive, float[] xNext, float[] dNextDx,
            float[] dNextDdrive, int n) {
        stepWithJacobian(gamma, dt, x, drive, xNext, dNextDx, dNextDdrive, 0, n);
    }

    /** The same for i in [from, to): {@link VectorLogisticStep}'s tail. */
    static void stepWithJacobian(float gamma, float dt, float[] x, float[] drive, float[] xNext, float[] dNextDx,
            float[] dNextDdrive, int from, int to) {
        for (int i = from; i < to; i++) {
            float in = drive[i];
            float xi = x[i];
            float z = (in - gamma) * dt;
            float w = Math.abs(z);
            float wc = Math.min(w, W_MAX);
            float r = wc * REDUCE;
            float psi = 1 + r * (P1 + r * (P2 + r * (P3 + r * (P4 + r * (P5 + r * (P6 + r * (P7 + r * P8)))))));
            float t = T0 + r * (T1 + r * (T2 + r * (T3 + r * (T4 + r * (T5 + r * (T6 + r * (T7 + r * T8)))))));
            float v = r * psi;
            float uSq = 1 - v;
            // Six doublings, written out: a loop inside the loop would keep the JIT from vectorizing the outer one.
            float tn;
            float pn;
            tn = 0.5f * t + 0.25f * psi * psi;
            pn = psi - 0.5f * psi * v;
            v = v * (2 - v);
            uSq = uSq * uSq;
            t = tn;
            psi = pn;
            tn = 0.5f * t + 0.25f * psi * psi;
            pn = psi - 0.5f * psi * v;
            v = v * (2 - v);
            uSq = uSq * uSq;
            t = tn;
            psi = pn;
            tn = 0.5f * t + 0.25f * psi * psi;
            pn = psi - 0.5f * psi * v;
            v = v * (2 - v);
            uSq = uSq * uSq;
            t = tn;
            psi = pn;
            tn = 0.5f * t + 0.25f * psi * psi;
            pn = psi - 0.5f * psi * v;
            v = v * (2 - v);
            uSq = uSq * uSq;
            t = tn;
            psi = pn;
            tn = 0.5f * t + 0.25f * psi * psi;
            pn = psi - 0.5f * psi * v;
            v = v * (2 - v);
            uSq = uSq * uSq;
            t = tn;
            psi = pn;
            tn = 0.5f * t + 0.25f * psi * psi;
            pn = psi - 0.5f * psi * v;
            v = v * (2 - v);
            uSq = uSq * uSq;
            t = tn;
            psi = pn;
            // u as 1 − v where it is near 1 (v is carried to a few float ulps, and u0^64 would multiply the rounding
            // of u0 = 1 − v0 by 64), as the squares beyond |z| = E_SWITCH (where 1 − v would lose a small u).
            float dw = w - E_SWITCH;
            float far = (Math.abs(dw) + dw) / (2 * Math.abs(dw) + TINY);
            float u = (1 - far) * (1 - v) + far * uSq;
            // Beyond W_MAX: ψ = 1/w and t = (1 − ψ)/w, as corrections of the values at W_MAX by ρ = W_MAX/w (1 below
            // it, and then exactly so; TINY keeps w = 0 at 1).
            float rho = (wc + TINY) / (w + TINY);
            float psiC = psi;
            psi = rho * psiC;
            t = rho * t + rho * (1 - rho) * psiC * INV_W_MAX;
            // The sign of z as 1 (z < 0) or 0 (z >= 0); where TINY makes it neither, u = 1 and both forms agree. The
            // selections below are written so that a 0 or 1 selector picks a value exactly (1 + (u − 1) would lose
            // a tiny u).
            float neg = (w - z) / (2 * w + TINY);
            float pos = 1 - neg;
            float a = neg * u + pos;
            float b = neg + pos * u;
            float psiMinusPhi = neg * t + pos * (psi - t);
            // The bracket of ∂x'/∂I: near z = 0 as (1 − x)ψ + dt(γ − I(1 − x))(ψ − Φ), which does not cancel near
            // x = 1; beyond |z| = E_SWITCH, where ψ nearly cancels Φ, as [B(I(1 − x) − γ) + xγψ]/a (the same quantity,
            // a = I − γ away from 0).
            float d = b + in * xi * dt * psi;
            float omx = 1 - xi;
            float eNear = omx * psi + dt * (gamma - in * omx) * psiMinusPhi;
            float eFar = (b * (in * omx - gamma) + xi * gamma * psi) / ((in - gamma) + (1 - far) * SAFE);
            float e = (1 - far) * eNear + far * eFar;
            float inv = 1 / d;
            float inv2 = inv * inv;
            float xa = xi * a;
            xNext[i] = xa * inv;
            dNextDx[i] = u * inv2;
            dNextDdrive[i] = xa * dt * e * inv2;
        }
    }
}
