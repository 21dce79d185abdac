/**
 * The bench a lab-config describes, opened through the real drivers: {@link io.spinloop.lab.bench.Bench}
 * connects instruments (starting the emulated bench in-process on ephemeral loopback ports when the
 * config has an {@code emulator:} block, so an emulated run takes the same code path as a real one), and
 * {@link io.spinloop.lab.bench.RunGuard} turns Ctrl-C and SIGTERM into a clean stop.
 */
package io.spinloop.lab.bench;
