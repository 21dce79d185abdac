package io.spinloop.lab.map;

import io.spinloop.drivers.source.CurrentSource;

/** The drive current of a device, through its source (limits and ramps enforced below this, by the driver). */
public final class CurrentAxis implements MapAxis {
    private final CurrentSource source;

    public CurrentAxis(CurrentSource source) {
        this.source = source;
    }

    @Override
    public String name() {
        return "current";
    }

    @Override
    public String unit() {
        return "A";
    }

    @Override
    public void set(double value) {
        source.setCurrent(value);
    }

    @Override
    public double readBack() {
        return source.current();
    }

    @Override
    public void safeZero() {
        try {
            source.setCurrent(0);
        } catch (RuntimeException e) {
            // The driver has made the source safe already (output off); the run's end reads it back.
        }
    }
}
