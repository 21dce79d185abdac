package io.spinloop.training.neuron;

/**
 * The continuous-time RNN neuron of seed 000 (eq. 6–8): {@code dx/dt = −γ x + I}, output tanh(x), no
 * fixed bias. With I constant over a step, {@code x' = x e^{−γ dt} + I (1 − e^{−γ dt})/γ} exactly.
 */
public final class CtrnnNeuron implements NeuronModel {
    private final double tau;
    private final double gamma;
    private final Integrator integrator;
    private final Rk4Scheme rk4;

    public CtrnnNeuron(double tauNs, Integrator integrator, int substeps) {
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
                return -g * x + drive;
            }

            @Override
            public double dfdx(double x, double drive) {
                return -g;
            }

            @Override
            public double dfdDrive(double x, double drive) {
                return 1.0;
            }
        }, substeps);
    }

    public static CtrnnNeuron exact(double tauNs) {
        return new CtrnnNeuron(tauNs, Integrator.EXACT, 1);
    }

    @Override
    public double fixedDrive() {
        return 0.0;
    }

    @Override
    public double restState() {
        return 0.0;
    }

    @Override
    public OutputStage outputStage() {
        return OutputStage.TANH;
    }

    @Override
    public void step(double dt, double[] x, double[] drive, double[] xNext, int n) {
        if (integrator == Integrator.RK4) {
            for (int i = 0; i < n; i++) {
                xNext[i] = rk4.step(dt, x[i], drive[i]);
            }
            return;
        }
        double e = Math.exp(-gamma * dt);
        double k = (1 - e) / gamma;
        for (int i = 0; i < n; i++) {
            xNext[i] = x[i] * e + drive[i] * k;
        }
    }

    @Override
    public void stepWithJacobian(double dt, double[] x, double[] drive, double[] xNext, double[] dNextDx,
            double[] dNextDdrive, int n) {
        if (integrator == Integrator.RK4) {
            NeuronModel.super.stepWithJacobian(dt, x, drive, xNext, dNextDx, dNextDdrive, n);
            return;
        }
        double e = Math.exp(-gamma * dt);
        double k = (1 - e) / gamma;
        for (int i = 0; i < n; i++) {
            xNext[i] = x[i] * e + drive[i] * k;
            dNextDx[i] = e;
            dNextDdrive[i] = k;
        }
    }

    /** The float32 step: the same linear map with its constants rounded to float. */
    @Override
    public void stepWithJacobian(float dt, float[] x, float[] drive, float[] xNext, float[] dNextDx,
            float[] dNextDdrive, int n) {
        if (integrator == Integrator.RK4) {
            NeuronModel.super.stepWithJacobian(dt, x, drive, xNext, dNextDx, dNextDdrive, n);
            return;
        }
        double ed = Math.exp(-gamma * dt);
        float e = (float) ed;
        float k = (float) ((1 - ed) / gamma);
        for (int i = 0; i < n; i++) {
            xNext[i] = x[i] * e + drive[i] * k;
            dNextDx[i] = e;
            dNextDdrive[i] = k;
        }
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
        double e = Math.exp(-gamma * dt);
        double k = (1 - e) / gamma;
        for (int i = 0; i < n; i++) {
            gX[i] += gNext[i] * e;
            gDrive[i] += gNext[i] * k;
        }
    }

    @Override
    public String describe() {
        return "ctrnn(tau=" + tau + "ns, " + (integrator == Integrator.EXACT ? "exact" : "rk4 x" + rk4.substeps()) + ")";
    }
}
