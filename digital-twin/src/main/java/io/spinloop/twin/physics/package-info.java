/**
 * The seed physics of the devices, differentiable and batch-friendly, for the twin and for training.
 *
 * <ul>
 *   <li>{@link io.spinloop.twin.physics.PowerCurve}: the stationary power curve p(I) of seed 003 eq. 4
 *       with its derivatives; {@link io.spinloop.twin.physics.PowerCurveArray}: k such devices (own
 *       parameters, device-to-device spread, a current ceiling) as a tape op.</li>
 *   <li>{@link io.spinloop.twin.physics.MacrospinParameters}: constants of the macrospin STO of seed 002;
 *       {@link io.spinloop.twin.physics.CoupledMacrospins}: n of them coupled through eq. 8, with RK4 and
 *       Heun (thermal field, eq. 3) steps recorded as fused ops whose backward is the exact adjoint
 *       of the discrete integrator; {@link io.spinloop.twin.physics.CouplingMatrix}: the spectral-radius-1
 *       coupling weights.</li>
 *   <li>Behind the twin's {@link io.spinloop.twin.DeviceModel} interface: {@link io.spinloop.twin.physics.PowerCurveDevice}
 *       (quasi-static p(I) with read-out scatter, bounded a, b, Ic, Q, sigma, kappa) and
 *       {@link io.spinloop.twin.physics.MacrospinDevice} (one STO, drive current as input, thermal Heun
 *       substeps, bounded applied field and damping, observation m_x) for system identification.</li>
 * </ul>
 *
 * <p>Units follow the seeds: p(I) in normalized units (Ic = 1); the macrospin in CGS (Oe, emu/cm^3, cm),
 * currents in A, time in s.
 */
package io.spinloop.twin.physics;
