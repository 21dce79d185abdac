package io.spinloop.drivers.source;

import io.spinloop.drivers.InstrumentException;

/**
 * A request the instrument model cannot serve (a voltage reading from a source that measures nothing), refused
 * before anything is sent: the source is left as it was.
 */
public class MissingCapabilityException extends InstrumentException {
    public MissingCapabilityException(String message) {
        super(message);
    }
}
