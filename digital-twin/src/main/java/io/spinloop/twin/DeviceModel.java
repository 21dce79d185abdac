package io.spinloop.twin;

import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;

/**
 * A stochastic, differentiable model of one device: the interface every twin model (auto-oscillator,
 * power curve, macrospin LLG, neural SDE) implements, so fitting, validation, sampling and the training
 * module's oscillator networks can use any of them.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Tensors are batch-major: {@code x} is B x {@link #stateSize()}, {@code u} is B x {@link #inputSize()},
 *       {@code xi} is B x {@link #noiseSize()}. One row = one trajectory.</li>
 *   <li>{@code x_{t+1} = step(x_t, u_t, dt, xi_t)}: {@code u_t} is the input held constant over the step
 *       (zero-order hold) and {@code x_{t+1}} the state at its end, where the measurement of step t is
 *       taken. So a sequence of drives {@code u_0..u_{T-1}} gives states {@code x_1..x_T} and observations
 *       {@code y_t = observe(x_{t+1}, u_t)}: power measured while drive {@code u_t} is applied.</li>
 *   <li>{@code xi} holds independent standard normal draws (the caller owns the random stream, one seeded
 *       stream per trajectory, so samples do not depend on batching). {@code xi == null} means the
 *       deterministic step (noise off), which a model must support.</li>
 *   <li>Units are the model's own and documented by it (physical models: SI or the seed's units; the
 *       neural SDE: normalised units, see {@code DigitalTwin} for the physical wrapper). {@code dt} is in
 *       the model's time unit.</li>
 *   <li>Every op is recorded on {@code tape}, so gradients flow to {@code x}, {@code u} and every
 *       {@link io.spinloop.autodiff.Parameter} in {@link #parameters()}. Constrained physical parameters
 *       are stored unconstrained (see {@link BoundedScalar}), so any optimizer step keeps them valid.</li>
 * </ul>
 */
public interface DeviceModel {

    /** Short identifier, stored in twin files ("auto-oscillator", "neural-sde", "macrospin", ...). */
    String kind();

    /** Dimension of the state x (observed and latent components). */
    int stateSize();

    /** Dimension of the input u (e.g. 1: drive current). */
    int inputSize();

    /** Standard normal draws consumed per step and trajectory (0 for a deterministic model). */
    int noiseSize();

    /** Dimension of an observation y (e.g. 1: power). */
    default int observationSize() {
        return 1;
    }

    /** The trainable parameters (unconstrained storage); the same objects for the model's lifetime. */
    Parameters parameters();

    /**
     * The state before the first step, for a batch whose first inputs are {@code u0} (B x inputSize):
     * e.g. the device at rest, or its stationary state under {@code u0}.
     */
    Tensor initialState(Tape tape, Tensor u0);

    /** One step of length {@code dt} under input {@code u}; {@code xi} null = noise off. */
    Tensor step(Tape tape, Tensor x, Tensor u, double dt, Tensor xi);

    /** What an instrument measures in state {@code x} under input {@code u}: B x observationSize. */
    Tensor observe(Tape tape, Tensor x, Tensor u);

    /**
     * A fresh tape-free stepper for sampling (same results as {@link #step} and {@link #observe}), or null when
     * the model has none and sampling goes through the tape.
     */
    default SampleStepper stepper() {
        return null;
    }
}
