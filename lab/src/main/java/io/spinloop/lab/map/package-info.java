/**
 * 2-D maps of one device: a spectrum, and its line fitted, at every point of a grid over two settable quantities
 * ({@link io.spinloop.lab.map.MapAxis}). The fast axis is the drive current ({@link io.spinloop.lab.map.CurrentAxis});
 * the slow axis is the device's magnetic field ({@link io.spinloop.lab.map.FieldAxis}, over the closed-loop field
 * controller of {@code lab.field}) or, for a device in no field, the repeat index
 * ({@link io.spinloop.lab.map.RepeatAxis}: each row sweeps the same currents again; it sets nothing physical).
 */
package io.spinloop.lab.map;
