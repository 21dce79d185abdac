/**
 * {@code spinloop bench check} and {@code spinloop emulator serve}: the commands that look at the bench a lab-config
 * describes, or serve its emulated bench; the bench itself is lab's ({@code io.spinloop.lab.bench}).
 */
package io.spinloop.app.bench;
