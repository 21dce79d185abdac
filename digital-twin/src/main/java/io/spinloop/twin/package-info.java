/**
 * Digital twins of spin-torque nano-oscillators.
 *
 * <p>{@link io.spinloop.twin.DeviceModel} is the one interface of every model: state x, input u,
 * differentiable step {@code x_{t+1} = step(x_t, u_t, dt, xi_t)} with standard normal noise {@code xi},
 * and an observation (what the instrument measures). {@link io.spinloop.twin.BoundedScalar} keeps physical
 * parameters inside their bounds. {@link io.spinloop.twin.Rollout} simulates any model over drive sequences
 * with one seeded random stream per trajectory.
 *
 * <p>Subpackages: {@code physics} (power curve, macrospin LLG), {@code model} (auto-oscillator, neural SDE),
 * {@code fit} (likelihood and distributional training, system identification), {@code validate}
 * (distribution metrics against the measured-versus-measured floor), {@code file} (twin HDF5 files).
 */
package io.spinloop.twin;
