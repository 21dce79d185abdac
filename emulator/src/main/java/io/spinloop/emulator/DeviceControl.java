package io.spinloop.emulator;

import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.physics.Stno;
import io.spinloop.emulator.time.VirtualClock;

/**
 * One emulated oscillator of a bench, for tests: the parameters it was drawn with, its expected behaviour and
 * faults ({@link EmulatedBench#device}).
 */
public final class DeviceControl {
    private final Stno device;
    private final VirtualClock clock;

    DeviceControl(Stno device, VirtualClock clock) {
        this.device = device;
        this.clock = clock;
    }

    /** The device stops oscillating for good, now (as above its damage current). */
    public DeviceControl stopOscillating() {
        device.kill(clock.now());
        return this;
    }

    /** False once the device was damaged or stopped. */
    public boolean isOscillating() {
        return !device.isDead(clock.now());
    }

    /** The nominal parameters the device was drawn around. */
    public DeviceParameters nominal() {
        return device.nominal();
    }

    /** This device's own threshold current, amperes (drawn with the spread; drift not included). */
    public double thresholdCurrent() {
        return device.thresholdCurrent();
    }

    /** This device's own free-running frequency, Hz (drawn with the spread; drift not included). */
    public double frequency() {
        return device.frequency();
    }

    /** This device's own nonlinear damping Q (drawn with the spread). */
    public double nonlinearDamping() {
        return device.damping();
    }

    /** The field applied to the device now, tesla (bias plus magnet), or NaN for a device in no magnet. */
    public double fieldT() {
        return device.fieldAt(clock.now());
    }

    /**
     * This device's threshold current now, amperes: its own (drift included) in the field it sits in now
     * (docs/field-physics.md); without a magnet, its own with drift.
     */
    public double thresholdCurrentNow() {
        double t = clock.now();
        return device.operatingPoint(t, device.currentAt(t)).thresholdCurrent();
    }

    /** This device's free-running frequency now, Hz: its own (drift included) in the field it sits in now. */
    public double frequencyNow() {
        double t = clock.now();
        return device.operatingPoint(t, device.currentAt(t)).freeFrequency();
    }

    /** The current flowing through the device now, amperes. */
    public double current() {
        return device.currentAt(clock.now());
    }
}
