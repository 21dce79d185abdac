package io.spinloop.lab.field;

import io.spinloop.lab.LabException;

/** The gaussmeter never read the target within tolerance; the magnet has been ramped to 0 A and switched off. */
public final class FieldNotSettledException extends LabException {
    public FieldNotSettledException(String message) {
        super(message);
    }
}
