package io.spinloop.twin.model;

import io.spinloop.autodiff.ElementwiseOps;
import io.spinloop.autodiff.MatrixOps;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.ScalarDeviceModel;
import java.util.SplittableRandom;

/**
 * Physics prior plus learned residual (seed 004 on top of seed 000): {@code dp = [f_phys(p,I;ψ) + f_θ(p,I)] dt +
 * g_φ(p,I) dW} for the auto-oscillator's normalised power p, in SI units like {@link AutoOscillator}.
 *
 * <p>One step is the auto-oscillator's Gaussian step (mean and standard deviation s_phys of its exact step, see
 * {@link AutoOscillatorStep}, or of the moment equations for data faster than the relaxation, see
 * {@link MomentClosureStep}) plus
 * <ul>
 *   <li>the residual drift {@code f_θ · stateScale · dt/timeUnit}: a two-layer tanh MLP on the scaled (p, I),
 *       whose output layer starts at zero, so the untrained model is the physics model;</li>
 *   <li>a learned positive diffusion {@code g = s_phys · exp(h_φ(p,I)) + floor}: the physics noise times a learned
 *       factor (one-layer tanh MLP, exactly 1 at the start), so the noise keeps the physics' scale, which spans
 *       decades between sub-threshold and full power, and the network only corrects its shape.</li>
 * </ul>
 * The next state is clamped at zero (a power). The physical parameters ψ = (Γ_G, I_th, Q, D, k) are bounded
 * ({@link io.spinloop.twin.BoundedScalar}); {@link #physicsParameters()} and {@link #residualParameters()} let a fit
 * hold them or train them. The observation is the emitted power {@code P = k I² p} in W, so the state keeps the
 * memory that the measured power alone loses when the drive changes.
 */
public final class PhysicsResidualSde implements ScalarDeviceModel {
    public static final String KIND = "physics-residual";

    private final PhysicsResidualArchitecture arch;
    private final AutoOscillator physics;
    private final Parameters parameters = new Parameters();
    private final Parameters residual = new Parameters();
    private final Parameter w1;
    private final Parameter b1;
    private final Parameter w2;
    private final Parameter b2;
    private final Parameter w3;
    private final Parameter b3;
    private final Parameter v1;
    private final Parameter c1;
    private final Parameter v2;
    private final Parameter c2;

    /** Physics at {@code physicsValues}, networks seeded; their outputs start at zero (residual 0, noise factor 1). */
    public PhysicsResidualSde(PhysicsResidualArchitecture arch, AutoOscillator.Values physicsValues, long seed) {
        this.arch = arch;
        this.physics = new AutoOscillator(physicsValues, arch.momentClosure());
        SplittableRandom rng = new SplittableRandom(seed);
        int h = arch.driftHidden();
        int hd = arch.diffusionHidden();
        physics.parameters().list().forEach(p -> parameters.add(p));
        w1 = residual.add(Parameter.of("residual.w1", 2, h, random(rng, 2, h, 1.0)));
        b1 = residual.add(Parameter.of("residual.b1", 1, h, new double[h]));
        w2 = residual.add(Parameter.of("residual.w2", h, h, random(rng, h, h, 1.0)));
        b2 = residual.add(Parameter.of("residual.b2", 1, h, new double[h]));
        // Zero output layers: the untrained model is exactly the physics model; gradients reach them first.
        w3 = residual.add(Parameter.of("residual.w3", h, 1, new double[h]));
        b3 = residual.add(Parameter.of("residual.b3", 1, 1, 0.0));
        v1 = residual.add(Parameter.of("diffusion.w1", 2, hd, random(rng, 2, hd, 1.0)));
        c1 = residual.add(Parameter.of("diffusion.b1", 1, hd, new double[hd]));
        v2 = residual.add(Parameter.of("diffusion.w2", hd, 1, new double[hd]));
        c2 = residual.add(Parameter.of("diffusion.b2", 1, 1, 0.0));
        residual.list().forEach(p -> parameters.add(p));
    }

    /**
     * How many values the parameters of a model of this shape hold (the physical ones and the networks', what the
     * constructor allocates), counted without allocating; see {@link NeuralSde#parameterCount}.
     */
    public static long parameterCount(PhysicsResidualArchitecture arch) {
        long h = arch.driftHidden();
        long hd = arch.diffusionHidden();
        long physical = new AutoOscillator(AutoOscillator.defaults()).parameters().list().stream()
                .mapToLong(p -> (long) p.value().rows() * p.value().cols()).sum();
        return physical + (2 * h + h + h * h + h + h + 1) + (2 * hd + hd + hd + 1);
    }

    private static double[] random(SplittableRandom rng, int fanIn, int fanOut, double gain) {
        double s = gain * Math.sqrt(2.0 / (fanIn + fanOut));
        // An int product that overflows would be a negative or wrong size: fail naming the size instead.
        double[] w = new double[NeuralSdeArchitecture.matrixSize(fanIn, fanOut)];
        for (int i = 0; i < w.length; i++) {
            w[i] = s * rng.nextGaussian();
        }
        return w;
    }

    public PhysicsResidualArchitecture architecture() {
        return arch;
    }

    /** The physics prior (its bounded parameters are shared with this model). */
    public AutoOscillator physics() {
        return physics;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** All parameters: the physical ones (raw, bounded) first, then the networks'; what twin files store. */
    @Override
    public Parameters parameters() {
        return parameters;
    }

    /** The five raw physical parameters (Γ_G, I_th, Q, D, k). */
    public Parameters physicsParameters() {
        return physics.parameters();
    }

    /** The weights of the residual drift and the diffusion correction. */
    public Parameters residualParameters() {
        return residual;
    }

    /** The device at rest, as {@link AutoOscillator#initialState}. */
    @Override
    public Tensor initialState(Tape tape, Tensor u0) {
        return physics.initialState(tape, u0);
    }

    private Tensor features(Tape tape, Tensor x, Tensor u) {
        Tensor xs = ElementwiseOps.scale(tape, ElementwiseOps.shift(tape, x, -arch.stateOffset()), 1 / arch.stateScale());
        Tensor us = ElementwiseOps.scale(tape, ElementwiseOps.shift(tape, u, -arch.driveOffsetA()), 1 / arch.driveScaleA());
        return MatrixOps.concatColumns(tape, xs, us);
    }

    /** The residual drift f_θ in units of stateScale per time unit: B x 1. */
    public Tensor residualDrift(Tape tape, Tensor x, Tensor u) {
        Tensor in = features(tape, x, u);
        Tensor h1 = ElementwiseOps.tanh(tape, MatrixOps.linear(tape, in, w1.value(), b1.value()));
        Tensor h2 = ElementwiseOps.tanh(tape, MatrixOps.linear(tape, h1, w2.value(), b2.value()));
        return MatrixOps.linear(tape, h2, w3.value(), b3.value());
    }

    /** The learned log-factor h_φ on the physics noise: B x 1 (0 at the start). */
    public Tensor diffusionLogFactor(Tape tape, Tensor x, Tensor u) {
        Tensor in = features(tape, x, u);
        Tensor h = ElementwiseOps.tanh(tape, MatrixOps.linear(tape, in, v1.value(), c1.value()));
        return MatrixOps.linear(tape, h, v2.value(), c2.value());
    }

    /** Mean and standard deviation of the next state (before the clamp at zero). */
    public AutoOscillator.Transition transition(Tape tape, Tensor x, Tensor u, double dt) {
        AutoOscillator.Transition phys = physics.transition(tape, x, u, dt);
        double rel = dt / arch.timeUnitS();
        Tensor mean = ElementwiseOps.add(tape, phys.mean(),
                ElementwiseOps.scale(tape, residualDrift(tape, x, u), arch.stateScale() * rel));
        Tensor std = ElementwiseOps.mul(tape, phys.std(), ElementwiseOps.exp(tape, diffusionLogFactor(tape, x, u)));
        double floor = arch.minDiffusion() * arch.stateScale() * Math.sqrt(rel);
        if (floor > 0) {
            std = ElementwiseOps.shift(tape, std, floor);
        }
        return new AutoOscillator.Transition(mean, std);
    }

    @Override
    public Tensor step(Tape tape, Tensor x, Tensor u, double dt, Tensor xi) {
        AutoOscillator.Transition t = transition(tape, x, u, dt);
        Tensor next = xi == null ? t.mean() : ElementwiseOps.add(tape, t.mean(), ElementwiseOps.mul(tape, t.std(), xi));
        return ElementwiseOps.relu(tape, next);
    }

    /** P = k I² p in W. */
    @Override
    public Tensor observe(Tape tape, Tensor x, Tensor u) {
        return physics.observe(tape, x, u);
    }
}
