package io.spinloop.lab.field;

import io.spinloop.lab.LabException;

/**
 * A field the magnet cannot reach within its supply's current limit. Refused before the magnet is touched when the
 * calibration already says so; found during the closed loop otherwise (then the magnet was ramped to 0 A).
 */
public final class FieldOutOfRangeException extends LabException {
    public FieldOutOfRangeException(String message) {
        super(message);
    }
}
