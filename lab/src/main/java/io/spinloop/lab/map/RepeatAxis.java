package io.spinloop.lab.map;

/**
 * The slow axis of a map of a device in no field: the repeat index. Setting it sets nothing on the bench,
 * so a "map" over it sweeps the same currents once per row (useful for drift and, in snake order, hysteresis), and
 * exercises the map's order, direction, resume and plots; it is not a field map.
 */
public final class RepeatAxis implements MapAxis {
    private double value;

    @Override
    public String name() {
        return "repeat";
    }

    @Override
    public String unit() {
        return "1";
    }

    @Override
    public void set(double v) {
        value = v;
    }

    @Override
    public double readBack() {
        return value;
    }

    @Override
    public void safeZero() {
        value = 0;
    }
}
