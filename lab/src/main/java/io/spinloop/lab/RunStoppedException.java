package io.spinloop.lab;

/**
 * A run stopped on request (Ctrl-C, SIGTERM or the live view's Stop) between two of its steps: the bench is made
 * safe by whoever holds it as this passes, and the command exits as for an interrupt (130).
 */
public final class RunStoppedException extends LabException {
    public RunStoppedException(String where) {
        super("stopped on request " + where);
    }
}
