package io.spinloop.drivers.field;

import io.spinloop.drivers.InstrumentException;

/** The gaussmeter reads beyond its range ({@code OL}), or refused a setting ({@code *ESR?} command/execution error). */
public class FieldOverloadException extends InstrumentException {
    public FieldOverloadException(String message) {
        super(message);
    }
}
