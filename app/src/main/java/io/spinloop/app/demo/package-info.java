/**
 * {@code spinloop demo}: the whole data flow of DESIGN.md on the bench of a lab-config (the emulated bench by
 * default, started in-process): characterise, calibrate the neurons and fit their twins, train noise-aware on
 * the twins, deploy, fine-tune chip-in-the-loop, and write a report with plots and {@code summary.json}.
 */
package io.spinloop.app.demo;
