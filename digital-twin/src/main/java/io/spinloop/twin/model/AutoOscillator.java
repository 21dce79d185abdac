package io.spinloop.twin.model;

import io.spinloop.autodiff.ElementwiseOps;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.BoundedScalar;
import io.spinloop.twin.ScalarDeviceModel;
import java.util.List;

/**
 * The stochastic auto-oscillator power model (seed 000 eq. 1 with nonlinear damping Q and thermal noise;
 * DESIGN.md "Physics of the emulated device"), in SI units.
 *
 * <ul>
 *   <li>state: normalised power p in [0, 1); input: drive current I in A; time in s; one noise draw per step;</li>
 *   <li>observation: emitted power {@code P = k I² p} in W (DESIGN.md: RF power ∝ I²·p);</li>
 *   <li>parameters (bounded, see {@link BoundedScalar}): damping rate Γ_G (1/s), threshold current I_th (A,
 *       σ = Γ_G/I_th), nonlinear damping Q, thermal noise strength D (1/s, as in
 *       {@code dp = -2[Γ_G(1+Qp) - σI(1-p)]p dt + 2 sqrt(D p) dW}), output scale k (W/A²).</li>
 * </ul>
 * The step is exact for the deterministic part at any dt; see {@link AutoOscillatorStep}.
 */
public final class AutoOscillator implements ScalarDeviceModel {
    public static final String KIND = "auto-oscillator";

    private final BoundedScalar gamma;
    private final BoundedScalar threshold;
    private final BoundedScalar q;
    private final BoundedScalar noise;
    private final BoundedScalar outputScale;
    private final Parameters parameters = new Parameters();

    /** Physical values of the five parameters. */
    public record Values(double gamma, double threshold, double q, double noise, double outputScale) {
        /** The values as an array in the order Γ, I_th, Q, D, k. */
        public double[] toArray() {
            return new double[] {gamma, threshold, q, noise, outputScale};
        }
    }

    /** The default device of DESIGN.md: 1/Γ = 10 ns, I_th = 1 mA, Q = 0.5, about -40 dBm at 2 I_th. */
    public static Values defaults() {
        return new Values(1e8, 1e-3, 0.5, 5e4, 0.0625);
    }

    private final boolean momentClosure;

    /** The model with its own exact step ({@link AutoOscillatorStep}), for any step length. */
    public AutoOscillator(Values initial) {
        this(initial, false);
    }

    /**
     * @param momentClosure step with {@link MomentClosureStep} (mean and variance of the moment equations): finer for
     *                      steps shorter than a few relaxation times, wrong for quasi-static steps (its sub-steps are
     *                      capped)
     */
    public AutoOscillator(Values initial, boolean momentClosure) {
        this.momentClosure = momentClosure;
        gamma = BoundedScalar.logarithmic("gamma_per_s", 1e5, 1e11, initial.gamma());
        threshold = BoundedScalar.logarithmic("threshold_A", 1e-6, 1e-1, initial.threshold());
        q = BoundedScalar.linear("Q", 0.0, 10.0, initial.q());
        noise = BoundedScalar.logarithmic("noise_D_per_s", 1e-2, 1e12, initial.noise());
        outputScale = BoundedScalar.logarithmic("output_scale_W_per_A2", 1e-8, 1e4, initial.outputScale());
        for (BoundedScalar b : bounded()) {
            parameters.add(b.raw());
        }
    }

    /** Whether steps use the moment-closure density (else the exact step). */
    public boolean momentClosure() {
        return momentClosure;
    }

    private StepKernel kernel() {
        return momentClosure ? new MomentClosureStep() : new AutoOscillatorStep();
    }

    /** The bounded physical parameters, in the order Γ, I_th, Q, D, k. */
    public List<BoundedScalar> bounded() {
        return List.of(gamma, threshold, q, noise, outputScale);
    }

    public Values values() {
        return new Values(gamma.value(), threshold.value(), q.value(), noise.value(), outputScale.value());
    }

    public void set(Values v) {
        gamma.set(v.gamma());
        threshold.set(v.threshold());
        q.set(v.q());
        noise.set(v.noise());
        outputScale.set(v.outputScale());
    }

    @Override
    public String kind() {
        return KIND;
    }




    @Override
    public Parameters parameters() {
        return parameters;
    }

    /**
     * The device at rest before a sequence (the source is off between sequences): the thermal power level ε of
     * {@link AutoOscillatorStep}, whatever the first drive; no gradient.
     */
    @Override
    public Tensor initialState(Tape tape, Tensor u0) {
        double[] p = new double[u0.rows()];
        java.util.Arrays.fill(p, AutoOscillatorStep.EPSILON);
        return Tensor.constant(p.length, 1, p);
    }

    @Override
    public Tensor step(Tape tape, Tensor x, Tensor u, double dt, Tensor xi) {
        Tensor g = gamma.value(tape);
        Tensor th = threshold.value(tape);
        Tensor qt = q.value(tape);
        Tensor et = noise.value(tape);
        int n = x.rows();
        Tensor out = tape.newTensor(n, 1, x, u, g, th, qt, et, xi);
        StepKernel k = kernel();
        k.gamma = g.data()[0];
        k.threshold = th.data()[0];
        k.q = qt.data()[0];
        k.noise = et.data()[0];
        k.dt = dt;
        // Partials kept per row for the backward pass: 6 for the mean + xi * std part, and std itself.
        double[] partial = new double[n * 6];
        double[] std = new double[n];
        for (int i = 0; i < n; i++) {
            k.p = x.data()[i];
            k.current = u.data()[i];
            k.evaluate();
            double z = xi == null ? 0 : xi.data()[i];
            double v = k.mean + k.std * z;
            boolean clamped = v <= 0;
            out.data()[i] = clamped ? 0 : v;
            if (!clamped) {
                for (int j = 0; j < 6; j++) {
                    partial[i * 6 + j] = k.dMean[j] + z * k.dStd[j];
                }
                std[i] = k.std;
            }
        }
        tape.record(out, () -> {
            double[] go = tape.grad(out);
            double[] gx = tape.grad(x);
            double[] gu = tape.grad(u);
            double[] gxi = xi == null ? null : tape.grad(xi);
            double[] sums = new double[6];
            for (int i = 0; i < n; i++) {
                double d = go[i];
                if (gx != null) {
                    gx[i] += d * partial[i * 6 + AutoOscillatorStep.P];
                }
                if (gu != null) {
                    gu[i] += d * partial[i * 6 + AutoOscillatorStep.CURRENT];
                }
                if (gxi != null) {
                    gxi[i] += d * std[i];
                }
                for (int j = 2; j < 6; j++) {
                    sums[j] += d * partial[i * 6 + j];
                }
            }
            addScalar(tape, g, sums[AutoOscillatorStep.GAMMA]);
            addScalar(tape, th, sums[AutoOscillatorStep.THRESHOLD]);
            addScalar(tape, qt, sums[AutoOscillatorStep.Q]);
            addScalar(tape, et, sums[AutoOscillatorStep.NOISE]);
        });
        return out;
    }

    /** Mean and standard deviation of the next state, each B x 1, as {@link #transition} gives them. */
    public record Transition(Tensor mean, Tensor std) {
    }

    /**
     * The Gaussian transition of one step, unclamped: the next state's mean (the exact deterministic step plus the
     * Itô drift) and its standard deviation, both differentiable in {@code x}, {@code u} and the parameters. The
     * physics prior of {@link PhysicsResidualSde} and likelihoods on measured transitions are built on it.
     */
    public Transition transition(Tape tape, Tensor x, Tensor u, double dt) {
        Tensor g = gamma.value(tape);
        Tensor th = threshold.value(tape);
        Tensor qt = q.value(tape);
        Tensor et = noise.value(tape);
        int n = x.rows();
        Tensor mean = tape.newTensor(n, 1, x, u, g, th, qt, et);
        Tensor std = tape.newTensor(n, 1, x, u, g, th, qt, et);
        StepKernel k = kernel();
        k.gamma = g.data()[0];
        k.threshold = th.data()[0];
        k.q = qt.data()[0];
        k.noise = et.data()[0];
        k.dt = dt;
        double[] dm = new double[n * 6];
        double[] ds = new double[n * 6];
        for (int i = 0; i < n; i++) {
            k.p = x.data()[i];
            k.current = u.data()[i];
            k.evaluate();
            mean.data()[i] = k.mean;
            std.data()[i] = k.std;
            System.arraycopy(k.dMean, 0, dm, i * 6, 6);
            System.arraycopy(k.dStd, 0, ds, i * 6, 6);
        }
        tape.record(new Tensor[] {mean, std}, () -> {
            double[] gm = tape.grad(mean);
            double[] gs = tape.grad(std);
            double[] gx = tape.grad(x);
            double[] gu = tape.grad(u);
            double[] sums = new double[6];
            for (int i = 0; i < n; i++) {
                double a = gm[i];
                double b = gs[i];
                if (gx != null) {
                    gx[i] += a * dm[i * 6 + AutoOscillatorStep.P] + b * ds[i * 6 + AutoOscillatorStep.P];
                }
                if (gu != null) {
                    gu[i] += a * dm[i * 6 + AutoOscillatorStep.CURRENT] + b * ds[i * 6 + AutoOscillatorStep.CURRENT];
                }
                for (int j = 2; j < 6; j++) {
                    sums[j] += a * dm[i * 6 + j] + b * ds[i * 6 + j];
                }
            }
            addScalar(tape, g, sums[AutoOscillatorStep.GAMMA]);
            addScalar(tape, th, sums[AutoOscillatorStep.THRESHOLD]);
            addScalar(tape, qt, sums[AutoOscillatorStep.Q]);
            addScalar(tape, et, sums[AutoOscillatorStep.NOISE]);
        });
        return new Transition(mean, std);
    }

    /** The output scale k (W/A²) as a 1x1 tensor on {@code tape}. */
    public Tensor outputScale(Tape tape) {
        return outputScale.value(tape);
    }

    private static void addScalar(Tape tape, Tensor t, double v) {
        double[] g = tape.grad(t);
        if (g != null) {
            g[0] += v;
        }
    }

    /** P = k I² p in W. */
    @Override
    public Tensor observe(Tape tape, Tensor x, Tensor u) {
        Tensor i2 = ElementwiseOps.square(tape, u);
        return ElementwiseOps.mul(tape, ElementwiseOps.mul(tape, i2, x), outputScale.value(tape));
    }
}
