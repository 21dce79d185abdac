/**
 * The chip commands: {@code spinloop study transfer}, {@code spinloop study chip-recovery} (joined to the shared {@code study} command) and
 * {@code spinloop benchmark chip}, built on {@link io.spinloop.app.chip.ChipExperiment} (calibrate the bench's
 * devices as neurons, train on their twins, deploy, fine-tune chip-in-the-loop) over a lab-config's bench
 * ({@link io.spinloop.app.chip.ChipBench}).
 */
package io.spinloop.app.chip;
