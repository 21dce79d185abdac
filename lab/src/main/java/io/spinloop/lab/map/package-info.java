/**
 * 2-D maps of one device: a spectrum, and its line fitted, at every point of a grid over two settable quantities
 * ({@link io.spinloop.lab.map.MapAxis}). The fast axis is the drive current ({@link io.spinloop.lab.map.CurrentAxis});
 * the slow axis is meant to be the magnetic field. Until the field controller of issue 15 lands, the slow axis is a
 * placeholder, {@link io.spinloop.lab.map.RepeatAxis} (the repeat index: each row sweeps the same currents again),
 * which exercises everything else (order, direction, resume, plots) but sets nothing physical.
 *
 * <p>The field seam: a {@code FieldAxis implements MapAxis} wrapping the field controller, whose {@code set} asks the
 * controller for a field in closed loop on the gaussmeter (ramping within the magnet's rate limit), whose
 * {@code readBack} is the gaussmeter's reading and whose {@code safeZero} ramps the magnet to zero with its output
 * off; {@link io.spinloop.lab.map.MapMeasurement} takes it as the slow axis in place of the repeat index.
 */
package io.spinloop.lab.map;
