/**
 * {@code spinloop field set} and {@code spinloop field ramp-down}: the applied field at a device, set in closed loop
 * on its gaussmeter; the controller and the magnet's safety are lab's and the drivers' ({@code io.spinloop.lab.field},
 * {@code io.spinloop.drivers.field}).
 */
package io.spinloop.app.field;
