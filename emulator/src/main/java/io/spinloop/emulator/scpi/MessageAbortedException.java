package io.spinloop.emulator.scpi;

import io.spinloop.emulator.EmulatorException;

/**
 * Thrown when the connection a message came from is being closed while the message waits (a dropped connection
 * interrupts a pending {@code *OPC?}). Not an instrument error: nothing is queued, the rest of the message is
 * abandoned, and the server ends that connection.
 */
public final class MessageAbortedException extends EmulatorException {
    public MessageAbortedException(String message) {
        super(message, null, false, false);
    }
}
