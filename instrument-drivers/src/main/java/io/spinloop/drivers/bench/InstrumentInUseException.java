package io.spinloop.drivers.bench;

import io.spinloop.drivers.InstrumentException;

/**
 * An instrument is claimed by another run (another process on this PC, or another open instrument in this
 * process), so it was not opened and nothing was sent to it. The message names the holder: process id,
 * command and since when.
 */
public class InstrumentInUseException extends InstrumentException {
    public InstrumentInUseException(String message) {
        super(message);
    }

    public InstrumentInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
