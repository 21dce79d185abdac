package io.spinloop.lab;

/**
 * A run refused before anything was set on an instrument or written: what was asked for does not fit the
 * instruments that answered (a sequence longer than the source's list). The message names the option or preset.
 */
public final class RunRefusedException extends LabException {
    public RunRefusedException(String message) {
        super(message);
    }
}
