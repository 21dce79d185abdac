package io.spinloop.drivers;

import io.spinloop.drivers.InstrumentException;

/** The instrument at a resource identifies as something other than what was configured or connected before. */
public class InstrumentMismatchException extends InstrumentException {
    public InstrumentMismatchException(String message) {
        super(message);
    }
}
