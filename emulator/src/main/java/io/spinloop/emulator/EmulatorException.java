package io.spinloop.emulator;

/**
 * Root of the exceptions the emulator defines: the SCPI errors an emulated instrument queues
 * ({@link io.spinloop.emulator.scpi.ScpiException}) and a message cut off by a dropped connection
 * ({@link io.spinloop.emulator.scpi.MessageAbortedException}). Both stay inside the server, which answers them on the
 * wire; whatever else the emulator defines derives from this class too, so a caller catches one type. A wrong
 * argument (an unknown model, a port out of range) is an {@link IllegalArgumentException}, and a port that cannot be
 * bound an {@link java.io.IOException}, as anywhere in Java.
 */
public class EmulatorException extends RuntimeException {
    public EmulatorException(String message) {
        super(message);
    }

    public EmulatorException(String message, Throwable cause) {
        super(message, cause);
    }

    /** For the frequent, expected protocol errors: no stack trace is filled in when {@code writableStackTrace} is off. */
    protected EmulatorException(String message, Throwable cause, boolean enableSuppression,
                                boolean writableStackTrace) {
        super(message, cause, enableSuppression, writableStackTrace);
    }
}
