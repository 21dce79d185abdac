package io.spinloop.drivers.field;

import io.spinloop.drivers.InstrumentException;

/** The magnet supply's protection tripped; the supply has been ramped to 0 A and switched off. */
public class MagnetTripException extends InstrumentException {
    public MagnetTripException(String message) {
        super(message);
    }
}
