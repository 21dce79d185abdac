package io.spinloop.drivers.transport;

import io.spinloop.drivers.InstrumentException;

/** The connection to an instrument failed: refused, dropped, closed, or a port that cannot be opened. */
public class TransportException extends InstrumentException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
