package io.spinloop.training.neuron;

import io.spinloop.autodiff.FastMath;

/**
 * The spintronic oscillator neuron of seed 000 (eq. 2): the normalised oscillation power x obeys
 * {@code dx/dt = −γ x + I x (1 − x)}, γ = 1/τ, with a fixed bias 2γ added to the drive so that the
 * zero-drive operating point is x = 1/2. Time is in nanoseconds, drives in 1/ns.
 *
 * <p>With I held constant over a step the equation is logistic, {@code dx/dt = a x − I x²} with
 * a = I − γ, and its exact solution {@code x' = x e^{a dt} / (1 + I x (e^{a dt} − 1)/a)} keeps x in [0, 1]
 * for any step (explicit Euler with large steps leaves it and diverges). {@link Integrator#RK4} offers the
 * classic scheme with sub-steps, for comparison and for drives that vary within a step.
 */
public final class OscillatorNeuron implements NeuronModel {
    /** Below this |a dt| the closed form is evaluated by its Taylor series (no 0/0). */
    private static final double SMALL = 1e-4;

    private final double tau;
    private final double gamma;
    private final Integrator integrator;
    private final Rk4Scheme rk4;

    public OscillatorNeuron(double tauNs, Integrator integrator, int substeps) {
        if (!(tauNs > 0) || !Double.isFinite(tauNs)) {
            throw new IllegalArgumentException("relaxation time tau must be positive, got " + tauNs);
        }
        this.tau = tauNs;
        this.gamma = 1.0 / tauNs;
        this.integrator = integrator;
        double g = gamma;
        this.rk4 = new Rk4Scheme(new ScalarOde() {
            @Override
            public double f(double x, double drive) {
                return -g * x + drive * x * (1 - x);
            }

            @Override
            public double dfdx(double x, double drive) {
                return -g + drive * (1 - 2 * x);
            }

            @Override
            public double dfdDrive(double x, double drive) {
                return x * (1 - x);
            }
        }, substeps);
    }

    /** The exact integrator, as the seed's reference network uses. */
    public static OscillatorNeuron exact(double tauNs) {
        return new OscillatorNeuron(tauNs, Integrator.EXACT, 1);
    }

    public double tau() {
        return tau;
    }

    @Override
    public double fixedDrive() {
        return 2 * gamma;
    }

    @Override
    public double restState() {
        return 0.5;
    }

    @Override
    public OutputStage outputStage() {
        return OutputStage.HIGH_PASS;
    }

    @Override
    public void step(double dt, double[] x, double[] drive, double[] xNext, int n) {
        if (integrator == Integrator.RK4) {
            for (int i = 0; i < n; i++) {
                xNext[i] = rk4.step(dt, x[i], drive[i]);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            xNext[i] = exactStep(dt, x[i], drive[i]);
        }
    }

    double exactStep(double dt, double x, double drive) {
        double a = drive - gamma;
        double z = a * dt;
        if (z > SMALL) {
            // Divide through by e^{a dt} so that large positive drives cannot overflow.
            double q = Math.exp(-z);
            double gq = (1 - q) / a;
            return x / (q + drive * x * gq);
        }
        double e;
        double g;
        if (z < -SMALL) {
            e = Math.exp(z);
            g = (e - 1) / a;
        } else {
            e = 1 + z * (1 + z * (0.5 + z / 6));
            g = dt * (1 + z * (0.5 + z / 6));
        }
        return x * e / (1 + drive * x * g);
    }

    /** One exponential per neuron gives the new state and both derivatives (see {@link #stepBackward}). */
    @Override
    public void stepWithJacobian(double dt, double[] x, double[] drive, double[] xNext, double[] dNextDx,
            double[] dNextDdrive, int n) {
        if (integrator == Integrator.RK4) {
            double[] out = new double[2];
            for (int i = 0; i < n; i++) {
                xNext[i] = rk4.step(dt, x[i], drive[i]);
                rk4.backward(dt, x[i], drive[i], 1.0, out);
                dNextDx[i] = out[0];
                dNextDdrive[i] = out[1];
            }
            return;
        }
        // The exponentials first, in a loop of their own: the arithmetic after them then overlaps better.
        // e^{-|z|} is the e^{-z} (z > 0) or e^{z} (z < 0) that the closed form below needs.
        // FastMath.expNegAbs: straight-line arithmetic that C2 vectorizes (Math.exp is a scalar call), and within a
        // few ulps near 1, where the (e - 1) below cancels.
        for (int i = 0; i < n; i++) {
            xNext[i] = FastMath.expNegAbs((drive[i] - gamma) * dt);
        }
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            double in = drive[i];
            double a = in - gamma;
            double z = a * dt;
            // Outside the series region one division, 1/(a·D) with D = a·(denominator), gives both 1/a and
            // 1/denominator.
            if (z > SMALL) {
                double q = xNext[i];
                double big = q * a + in * xi * (1 - q);
                double r = 1.0 / (a * big);
                double ia = big * r;
                double inv = a * a * r;
                double gq = (1 - q) * ia;
                double d2 = q + in * xi * gq;
                double inv2 = inv * inv;
                xNext[i] = xi * inv;
                dNextDx[i] = q * inv2;
                dNextDdrive[i] = xi * (dt * d2 - xi * (gq + in * (dt - gq) * ia)) * inv2;
            } else if (z < -SMALL) {
                double e = xNext[i];
                double big = a + in * xi * (e - 1);
                double r = 1.0 / (a * big);
                double ia = big * r;
                double inv = a * a * r;
                double gg = (e - 1) * ia;
                double dg = (dt * e - gg) * ia;
                double d = 1 + in * xi * gg;
                double einv2 = e * inv * inv;
                xNext[i] = xi * e * inv;
                dNextDx[i] = einv2;
                dNextDdrive[i] = xi * (dt * d - xi * (gg + in * dg)) * einv2;
            } else {
                double e = 1 + z * (1 + z * (0.5 + z / 6));
                double gg = dt * (1 + z * (0.5 + z / 6));
                double dg = dt * dt * (0.5 + z * (1.0 / 3 + z / 8));
                double d = 1 + in * xi * gg;
                double inv = 1.0 / d;
                double einv2 = e * inv * inv;
                xNext[i] = xi * e * inv;
                dNextDx[i] = einv2;
                dNextDdrive[i] = xi * (dt * d - xi * (gg + in * dg)) * einv2;
            }
        }
    }

    /**
     * The float32 step for the exact integrator: {@link FloatOscillatorStep#SELECTED}, through the Vector API when the
     * module is there ({@link VectorLogisticStep}), else {@link LogisticStepFloat}'s branch-free loop; RK4 through the
     * double version.
     */
    @Override
    public void stepWithJacobian(float dt, float[] x, float[] drive, float[] xNext, float[] dNextDx,
            float[] dNextDdrive, int n) {
        if (integrator == Integrator.RK4) {
            NeuronModel.super.stepWithJacobian(dt, x, drive, xNext, dNextDx, dNextDdrive, n);
            return;
        }
        FloatOscillatorStep.SELECTED.stepWithJacobian((float) gamma, dt, x, drive, xNext, dNextDx, dNextDdrive, n);
    }

    @Override
    public void stepBackward(double dt, double[] x, double[] drive, double[] xNext, double[] gNext,
            double[] gX, double[] gDrive, int n) {
        if (integrator == Integrator.RK4) {
            double[] out = new double[2];
            for (int i = 0; i < n; i++) {
                rk4.backward(dt, x[i], drive[i], gNext[i], out);
                gX[i] += out[0];
                gDrive[i] += out[1];
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            double g = gNext[i];
            if (g == 0.0) {
                continue;
            }
            double xi = x[i];
            double in = drive[i];
            double a = in - gamma;
            double z = a * dt;
            double dX;
            double dI;
            if (z > SMALL) {
                double q = Math.exp(-z);
                double gq = (1 - q) / a;
                double dgq = (dt - gq) / a;
                double d2 = q + in * xi * gq;
                double inv = 1.0 / (d2 * d2);
                dX = q * inv;
                dI = xi * (dt * d2 - xi * (gq + in * dgq)) * inv;
            } else {
                double e;
                double gg;
                double dg;
                if (z < -SMALL) {
                    e = Math.exp(z);
                    gg = (e - 1) / a;
                    dg = (dt * e - gg) / a;
                } else {
                    e = 1 + z * (1 + z * (0.5 + z / 6));
                    gg = dt * (1 + z * (0.5 + z / 6));
                    dg = dt * dt * (0.5 + z * (1.0 / 3 + z / 8));
                }
                double d = 1 + in * xi * gg;
                double inv = 1.0 / (d * d);
                dX = e * inv;
                dI = xi * e * (dt * d - xi * (gg + in * dg)) * inv;
            }
            gX[i] += g * dX;
            gDrive[i] += g * dI;
        }
    }

    @Override
    public String describe() {
        return "oscillator(tau=" + tau + "ns, " + (integrator == Integrator.EXACT ? "exact" : "rk4 x" + rk4.substeps()) + ")";
    }
}
