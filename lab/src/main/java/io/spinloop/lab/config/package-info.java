/**
 * Lab-configs: the YAML files that describe a bench (instruments, devices with their safety limits,
 * measurement presets, and for emulated benches the emulator's physics).
 *
 * <p>{@link io.spinloop.lab.config.LabConfigLoader} reads a file strictly (unknown fields, wrong types and
 * duplicate keys are errors) and {@link io.spinloop.lab.config.LabConfigValidator} checks what YAML cannot:
 * references between sections and limits that contradict each other. Every refusal is a
 * {@link io.spinloop.lab.config.LabConfigException} naming file, line and field, raised before any
 * instrument is touched.
 */
package io.spinloop.lab.config;
