package io.spinloop.lab;

/**
 * Root of the exceptions the lab defines: a lab-config that cannot be used
 * ({@link io.spinloop.lab.config.LabConfigException}), a run refused before anything was set on an instrument
 * ({@link RunRefusedException}), and a device or the chip stopped safely mid-run
 * ({@link io.spinloop.lab.chip.DeviceStoppedException}, {@link io.spinloop.lab.chip.ChipStopException},
 * {@link io.spinloop.lab.chip.DriveLimitException}). Unchecked, like every module's root; messages name the file and
 * field, or the device and instrument, at fault. The drivers' own failures stay
 * {@link io.spinloop.drivers.InstrumentException}s.
 */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
