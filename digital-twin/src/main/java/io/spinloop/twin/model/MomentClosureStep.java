package io.spinloop.twin.model;

/**
 * A finer transition density for the auto-oscillator when a step is a fraction of a relaxation time: the Gaussian
 * whose mean and variance follow the moment equations of the Itô equation
 * {@code dp = [2ap - 2bp² + 2D] dt + 2 sqrt(Dp) dW} (a = Γ(I/I_th - 1), b = Γ(Q + I/I_th)) over the step, from the
 * known state (m = p, v = 0):
 * <pre>dm/dt = 2am - 2b(m² + v) + 2D,     dv/dt = 4(a - 2bm) v + 4Dm,</pre>
 * the first exact, the second closed by dropping the third central moment (Gaussian closure). Unlike the
 * relaxation-rate approximation of {@link AutoOscillatorStep}, it keeps the -2bv pull of the fluctuations on the
 * mean and the growth of the variance while the oscillation regrows from low power (where 4(a - 2bm) > 0).
 * Integrated by RK4 in sub-steps of at most 0.3 of the local rate, with forward tangents for the partials, so
 * it costs tens of times the exact step: meant for likelihoods of nanosecond data, not for quasi-static steps of
 * 10⁵ relaxation times (use {@link AutoOscillatorStep} there).
 *
 * <p>Same fields and partials as {@link AutoOscillatorStep} (order p, current, Γ, I_th, Q, D).
 */
public final class MomentClosureStep extends StepKernel {
    /** Largest sub-step in units of the inverse local rate. */
    static final double MAX_RATE_STEP = 0.3;
    static final int MAX_SUBSTEPS = 400;

    /** Sub-steps the last evaluation took. */
    public int substeps;

    // y = (m, v, then dm/dθ_k, dv/dθ_k for θ = (p0, a, b, D)).
    private final double[] y = new double[10];
    private final double[] k1 = new double[10];
    private final double[] k2 = new double[10];
    private final double[] k3 = new double[10];
    private final double[] k4 = new double[10];
    private final double[] tmp = new double[10];

    @Override
    public void evaluate() {
        double r = current / threshold;
        double a = gamma * (r - 1);
        double b = gamma * (q + r);
        double d = noise;
        double p0 = Math.max(p, 0);
        double rate = 4 * Math.abs(a) + 8 * b * Math.max(p0, Math.max(a / b, 0)) + 1e-30;
        int n = (int) Math.min(MAX_SUBSTEPS, Math.max(1, Math.ceil(dt * rate / MAX_RATE_STEP)));
        substeps = n;
        double h = dt / n;
        java.util.Arrays.fill(y, 0);
        y[0] = p0;
        y[2] = p > 0 ? 1 : 0;
        for (int s = 0; s < n; s++) {
            rhs(y, k1, a, b, d);
            axpy(y, k1, 0.5 * h, tmp);
            rhs(tmp, k2, a, b, d);
            axpy(y, k2, 0.5 * h, tmp);
            rhs(tmp, k3, a, b, d);
            axpy(y, k3, h, tmp);
            rhs(tmp, k4, a, b, d);
            for (int i = 0; i < 10; i++) {
                y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        mean = y[0];
        // A variance can only come out negative by round-off from v = 0; the floor keeps the density proper.
        double v = Math.max(y[1], 1e-300);
        std = Math.sqrt(v);
        double dmP = y[2];
        double dvP = y[3];
        double dmA = y[4];
        double dvA = y[5];
        double dmB = y[6];
        double dvB = y[7];
        double dmD = y[8];
        double dvD = y[9];
        // a = Γ(r - 1), b = Γ(Q + r), r = I / I_th.
        double drI = 1 / threshold;
        double drTh = -current / (threshold * threshold);
        double daG = r - 1;
        double dbG = q + r;
        dMean[AutoOscillatorStep.P] = dmP;
        dMean[AutoOscillatorStep.CURRENT] = (dmA + dmB) * gamma * drI;
        dMean[AutoOscillatorStep.THRESHOLD] = (dmA + dmB) * gamma * drTh;
        dMean[AutoOscillatorStep.GAMMA] = dmA * daG + dmB * dbG;
        dMean[AutoOscillatorStep.Q] = dmB * gamma;
        dMean[AutoOscillatorStep.NOISE] = dmD;
        double c = y[1] > 1e-300 ? 0.5 / std : 0;
        dStd[AutoOscillatorStep.P] = c * dvP;
        dStd[AutoOscillatorStep.CURRENT] = c * (dvA + dvB) * gamma * drI;
        dStd[AutoOscillatorStep.THRESHOLD] = c * (dvA + dvB) * gamma * drTh;
        dStd[AutoOscillatorStep.GAMMA] = c * (dvA * daG + dvB * dbG);
        dStd[AutoOscillatorStep.Q] = c * dvB * gamma;
        dStd[AutoOscillatorStep.NOISE] = c * dvD;
    }

    private static void axpy(double[] y, double[] k, double h, double[] out) {
        for (int i = 0; i < 10; i++) {
            out[i] = y[i] + h * k[i];
        }
    }

    /** The moment equations and their tangents with respect to (p0, a, b, D). */
    private static void rhs(double[] y, double[] f, double a, double b, double d) {
        double m = y[0];
        double v = y[1];
        f[0] = 2 * a * m - 2 * b * (m * m + v) + 2 * d;
        f[1] = 4 * (a - 2 * b * m) * v + 4 * d * m;
        double jmm = 2 * a - 4 * b * m;
        double jmv = -2 * b;
        double jvm = -8 * b * v + 4 * d;
        double jvv = 4 * (a - 2 * b * m);
        // Explicit partials of (f_m, f_v) with respect to a, b, D; p0 enters only through the initial state.
        double[] pm = {0, 2 * m, -2 * (m * m + v), 2};
        double[] pv = {0, 4 * v, -8 * m * v, 4 * m};
        for (int k = 0; k < 4; k++) {
            double tm = y[2 + 2 * k];
            double tv = y[3 + 2 * k];
            f[2 + 2 * k] = jmm * tm + jmv * tv + pm[k];
            f[3 + 2 * k] = jvm * tm + jvv * tv + pv[k];
        }
    }
}
