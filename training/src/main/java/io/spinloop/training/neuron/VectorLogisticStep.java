package io.spinloop.training.neuron;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LogisticStepFloat}'s step and diagonal Jacobian through the Vector API ({@code jdk.incubator.vector}, sixteen
 * float lanes with AVX-512), loaded only when the module is there ({@link FloatOscillatorStep#SELECTED}): 3.0 µs per
 * layer of 2,048 floats against the plain loop's 6.1 (JMH {@code OscillatorStepBenchmark}).
 *
 * <p>The same mathematics: u = e^{−w}, ψ = (1 − u)/w and t = (1 − ψ)/w (w = |z|, z = (I − γ)·dt) from their Taylor
 * series at w·2⁻⁶ ≤ 0.5 carried through six doublings, u as 1 − v below |z| = 2 and as the squares beyond, ψ = 1/w
 * and t = (1 − ψ)/w beyond w = 32 (u held at e^{−32}), and the closed form x' = x·A/D, ∂x'/∂x = u/D²,
 * ∂x'/∂I = x·dt·A·E/D² (E the bracket D − x·ψ − I·x·dt·Φ). What the Vector API changes:
 * <ul>
 *   <li>The selections (the sign of z, |z| beyond 2, beyond 32) are lane masks and blends, not ratios that are exactly
 *       0 or 1 (three divisions per element). Two divisions are left: 1/D, and 1/w where |z| &gt; 2.
 *   <li>With I·dt = z + g (g = γ·dt), D and A·E are sums of non-negative terms for either sign of z:
 * <pre>
 *   z &lt; 0:  D = (1 − x) + x·u + x·g·ψ,   A·E = (1 − x)·u + x·g·u·t
 *   z ≥ 0:  D = x + (1 − x)·u + x·g·ψ,   A·E = (1 − x)·u + x·g·(ψ − t)
 * </pre>
 *       so neither cancels: not near x = 1 with strong negative drives (where LogisticStepFloat's D = B + I·x·dt·ψ
 *       loses up to a hundredfold), nor beyond |z| = 2, where ψ − t, which cancels there, is taken as the equal
 *       (ψ − u)/w. This costs no more than LogisticStepFloat's forms.
 *   <li>Nothing depends on C2's unroll limit: 3.0 µs at the default 60 too (the plain loop: 58 µs, scalar).
 * </ul>
 * Rounding differs (multiply-adds are fused, sums are in another order), within the bounds below. Rows whose length
 * is not a multiple of the vector length end in LogisticStepFloat's loop, with its results and bounds.
 *
 * <p>Accuracy against the double-precision closed form (tested in {@code VectorLogisticStepTest}, |z| ≤ 200, and x up
 * to 1 − 1e-7 with strong negative drives): within {@link #MAX_REL_ERROR_NEAR} relative for |z| ≤ 2 (measured 3e-7,
 * 6e-7 on a denser grid) and {@link #MAX_REL_ERROR} beyond (measured 2e-6, 3e-6 on a denser grid: mostly u's six
 * squarings, which multiply the rounding of its first value by 64), plus {@link LogisticStepFloat#ABS_ERROR_FLOOR}
 * times the value's scale; with LogisticStepFloat's exception where u is held (∂x'/∂x = u/D² for a tiny D beyond
 * |z| = 32).
 */
public final class VectorLogisticStep implements FloatOscillatorStep {
    /** The documented relative error bound for |z| ≤ 2 (LogisticStepFloat's). */
    static final double MAX_REL_ERROR_NEAR = 1e-6;
    /** The same beyond |z| = 2: a tenth of LogisticStepFloat's, with its cancellations gone. */
    static final double MAX_REL_ERROR = 1e-5;

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Beyond this w, e^{−w} is below float resolution of 1. */
    private static final float W_MAX = 32f;
    /** w·2⁻⁶ ≤ 0.5 for the series, then six doublings. */
    private static final int DOUBLINGS = 6;
    private static final float REDUCE = 1f / (1 << DOUBLINGS);
    /** Beyond this |z|, u is taken as the squares and ψ − t as (ψ − u)/w. */
    private static final float E_SWITCH = 2f;

    // The series' coefficients are LogisticStepFloat's (ψ(r) = Σ_k (−r)^k/(k+1)!, t(r) = Σ_k (−r)^k/(k+2)!, k = 0..8).

    /** Public for {@code VectorKernels}, which constructs it by name; use {@link FloatOscillatorStep#SELECTED}. */
    public VectorLogisticStep() {
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void stepWithJacobian(float gamma, float dt, float[] x, float[] drive, float[] xNext, float[] dNextDx,
            float[] dNextDdrive, int n) {
        int upper = SPECIES.loopBound(n);
        float g = gamma * dt;
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        for (int i = 0; i < upper; i += SPECIES.length()) {
            FloatVector in = FloatVector.fromArray(SPECIES, drive, i);
            FloatVector xi = FloatVector.fromArray(SPECIES, x, i);
            FloatVector z = in.sub(gamma).mul(dt);
            FloatVector w = z.abs();
            VectorMask<Float> neg = z.compare(VectorOperators.LT, 0f);
            VectorMask<Float> far = w.compare(VectorOperators.GT, E_SWITCH);
            VectorMask<Float> huge = w.compare(VectorOperators.GT, W_MAX);
            FloatVector r = w.blend(W_MAX, huge).mul(REDUCE);
            FloatVector psi = psiSeries(r);
            // Carried as tk = 2^k·t after k doublings and h = −v/2 (v = w·ψ = 1 − u): so each doubling takes six
            // operations.
            FloatVector tk = tSeries(r);
            FloatVector h = r.mul(-0.5f).mul(psi);
            FloatVector uSq = h.fma(2f, 1f);
            float scale = 0.5f;
            for (int k = 0; k < DOUBLINGS; k++) {
                // t' = t/2 + ψ²/4, ψ' = ψ(1 − v/2), v' = v(2 − v), u' = u².
                tk = psi.mul(scale).fma(psi, tk);
                psi = psi.fma(h, psi);
                FloatVector h2 = h.add(h);
                h = h2.fma(h, h2);
                uSq = uSq.mul(uSq);
                scale *= 2;
            }
            FloatVector t = tk.mul(REDUCE);
            // u as 1 − v where it is near 1 (v is carried to a few ulps; u0^64 would multiply u0's rounding by 64).
            FloatVector u = h.fma(2f, 1f).blend(uSq, far);
            FloatVector invW = one.div(one.blend(w, far));
            // Beyond W_MAX: ψ = 1/w, t = (1 − ψ)/w.
            psi = psi.blend(invW, huge);
            t = t.blend(one.sub(invW).mul(invW), huge);
            // A·E's second term over x·g: u·t (z < 0); ψ − t (z ≥ 0), as (ψ − u)/w where ψ − t cancels.
            FloatVector tTerm = psi.sub(t).blend(psi.sub(u).mul(invW), far).blend(u.mul(t), neg);
            // D and A·E of the class comment.
            FloatVector omx = one.sub(xi);
            FloatVector xg = xi.mul(g);
            FloatVector d = xg.fma(psi, omx.fma(u, xi).blend(xi.fma(u, omx), neg));
            FloatVector aE = xg.fma(tTerm, omx.mul(u));
            FloatVector inv = one.div(d);
            FloatVector xInv = xi.mul(inv);
            // x·A/D with A = u (z < 0) or 1; products in this order stay finite for a D as small as u.
            xInv.blend(xInv.mul(u), neg).intoArray(xNext, i);
            u.mul(inv).mul(inv).intoArray(dNextDx, i);
            xInv.mul(aE.mul(inv)).mul(dt).intoArray(dNextDdrive, i);
        }
        LogisticStepFloat.stepWithJacobian(gamma, dt, x, drive, xNext, dNextDx, dNextDdrive, upper, n);
    }

    private static FloatVector psiSeries(FloatVector r) {
        return r.fma(LogisticStepFloat.P8, LogisticStepFloat.P7)
                .fma(r, c(LogisticStepFloat.P6))
                .fma(r, c(LogisticStepFloat.P5))
                .fma(r, c(LogisticStepFloat.P4))
                .fma(r, c(LogisticStepFloat.P3))
                .fma(r, c(LogisticStepFloat.P2))
                .fma(r, c(LogisticStepFloat.P1))
                .fma(r, c(1f));
    }

    private static FloatVector tSeries(FloatVector r) {
        return r.fma(LogisticStepFloat.T8, LogisticStepFloat.T7)
                .fma(r, c(LogisticStepFloat.T6))
                .fma(r, c(LogisticStepFloat.T5))
                .fma(r, c(LogisticStepFloat.T4))
                .fma(r, c(LogisticStepFloat.T3))
                .fma(r, c(LogisticStepFloat.T2))
                .fma(r, c(LogisticStepFloat.T1))
                .fma(r, c(LogisticStepFloat.T0));
    }

    /** A constant lane vector (C2 hoists it out of the loop). */
    private static FloatVector c(float value) {
        return FloatVector.broadcast(SPECIES, value);
    }
}
