package io.spinloop.drivers.analyzer;

import io.spinloop.drivers.InstrumentException;

/**
 * The analyzer sees no line above its noise floor where one was expected: the oscillator is not
 * oscillating (below threshold, damaged, not biased) or the analyzer looks at the wrong frequency.
 */
public class NoSignalException extends InstrumentException {
    public NoSignalException(String message) {
        super(message);
    }
}
