/**
 * A bench device as a bank of quasi-static neurons: {@link io.spinloop.lab.chip.ChipChannel} plays drives as lists
 * and reads zero span (line tracking, reconnect and replay on a dropped connection), and
 * {@link io.spinloop.lab.chip.DeviceCalibration} calibrates a device as a neuron (its line, its zero-span readout,
 * its list point period, recorded calibration sequences). The networks, twins and training that use them are
 * training's.
 */
package io.spinloop.lab.chip;
