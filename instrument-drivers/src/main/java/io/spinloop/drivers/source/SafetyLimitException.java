package io.spinloop.drivers.source;

import io.spinloop.drivers.InstrumentException;

/**
 * A request beyond the configured {@link SafetyLimits}. Thrown before anything is sent: the source is exactly
 * as it was.
 */
public class SafetyLimitException extends InstrumentException {
    public SafetyLimitException(String message) {
        super(message);
    }
}
