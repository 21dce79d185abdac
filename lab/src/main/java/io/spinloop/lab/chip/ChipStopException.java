package io.spinloop.lab.chip;

import io.spinloop.lab.LabException;
import java.time.Instant;

/**
 * A run stopped safely because of the chip: a device stopped oscillating or its source tripped compliance.
 * Every source has been ramped to zero and switched off before this is thrown.
 */
public class ChipStopException extends LabException {
    private final String device;
    private final Instant when;

    public ChipStopException(String device, Instant when, String reason, Throwable cause) {
        super(device + " at " + when + ": " + reason + "; every source ramped to 0 A and switched off", cause);
        this.device = device;
        this.when = when;
    }

    public String device() {
        return device;
    }

    public Instant when() {
        return when;
    }
}
