package io.spinloop.drivers.scpi;

import io.spinloop.drivers.InstrumentException;

/** A reply arrived but is not what the command calls for (garbled, wrong type, malformed block). */
public class ReplyFormatException extends InstrumentException {
    public ReplyFormatException(String message) {
        super(message);
    }

    public ReplyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
