/**
 * Current sweeps of one device's spectrum ({@link io.spinloop.lab.sweep.SweepMeasurement},
 * {@link io.spinloop.lab.sweep.SweepRunner}), each spectrum's line fitted ({@link io.spinloop.lab.sweep.LineShapeFitter},
 * a Lorentzian seen through a Gaussian RBW filter) and the stationary power curve p(I) fitted to the sweep
 * ({@link io.spinloop.lab.sweep.PowerCurveFit}).
 */
package io.spinloop.lab.sweep;
