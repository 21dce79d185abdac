package io.spinloop.drivers;

/**
 * Root of every failure the driver layer reports: transport trouble, instrument errors, refused
 * requests. Unchecked, so measurement code stays readable; the message always names the instrument
 * (resource or configured name) and, where there is one, the command at fault.
 */
public class InstrumentException extends RuntimeException {
    public InstrumentException(String message) {
        super(message);
    }

    public InstrumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
