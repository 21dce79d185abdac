package io.spinloop.drivers.source;

import io.spinloop.drivers.InstrumentException;

/**
 * The source hit its voltage compliance: the current through the device is not what was asked for
 * (open circuit, broken device, or a compliance set too low). The source has been brought to 0 A, output off.
 */
public class ComplianceTripException extends InstrumentException {
    public ComplianceTripException(String message) {
        super(message);
    }
}
