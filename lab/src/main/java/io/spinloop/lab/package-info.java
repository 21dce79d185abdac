/**
 * The lab: every run that touches a bench, in one module. Training and the command line reach instruments only
 * through it; it depends on the drivers, the HDF5 measurement store and the emulator (an emulated bench starts
 * in-process), never on training or the command line.
 *
 * <ul>
 *   <li>{@link io.spinloop.lab.config}: lab-configs (the YAML that describes a bench), loaded and validated.</li>
 *   <li>{@link io.spinloop.lab.bench}: the bench a lab-config describes ({@link io.spinloop.lab.bench.Bench}), the
 *       instruments of one device ({@link io.spinloop.lab.bench.DeviceRig}, the one type for them), a measurement
 *       session and its guard against Ctrl-C, {@code bench check}, the emulated bench.</li>
 *   <li>{@link io.spinloop.lab.list}: the one list player (tent order, lists of at most the source's capacity,
 *       trigger link to zero span) and the one point-period measurement.</li>
 *   <li>{@link io.spinloop.lab.sweep} and {@link io.spinloop.lab.sequence}: current sweeps of the spectrum with
 *       their line and p(I) fits, and drive-sequence recordings, into HDF5 files.</li>
 *   <li>{@link io.spinloop.lab.chip}: a device as a bank of quasi-static neurons (the chip channel) and its
 *       calibration as a neuron.</li>
 *   <li>{@link io.spinloop.lab.powercurve}: the bench side of bench-mode p(I) runs (seed 003).</li>
 * </ul>
 *
 * <p>Runs report through {@link io.spinloop.lab.RunProgress} and end in a {@link io.spinloop.lab.RunOutcome}.
 */
package io.spinloop.lab;
