package io.spinloop.lab.chip;

import io.spinloop.lab.LabException;

/**
 * A channel's measurement stopped because of its device: the source tripped compliance at a list point, or the line
 * the channel reads was gone. The drivers have made that device's source safe before this is thrown; whoever runs
 * several channels makes the others safe too ({@link ChipStopException}).
 */
public class DeviceStoppedException extends LabException {
    private final String device;
    private final String reason;

    public DeviceStoppedException(String device, String reason, Throwable cause) {
        super(device + ": " + reason, cause);
        this.device = device;
        this.reason = reason;
    }

    public String device() {
        return device;
    }

    /** What stopped it, in words ("compliance trip on smu-a (...)", "device stopped oscillating: ..."). */
    public String reason() {
        return reason;
    }
}
