/**
 * The bench side of bench-mode runs of the seed-003 p(I) network: {@link io.spinloop.lab.powercurve.BenchOscillator}
 * (a device whose band power is read at a set current), {@link io.spinloop.lab.powercurve.BenchCalibration} (its
 * power curve measured and fitted) and {@link io.spinloop.lab.powercurve.PowerCurveBench} (the emulated bench they
 * run on). The network that runs on them is training's.
 */
package io.spinloop.lab.powercurve;
