package io.spinloop.lab.map;

import io.spinloop.lab.RunProgress;
import io.spinloop.lab.field.FieldController;

/**
 * The magnetic field at a device, through its closed-loop field controller (magnet safety below it: current limit,
 * ramp rate, ramp to 0 A on any failure). Values in tesla, as the gaussmeter reads them.
 */
public final class FieldAxis implements MapAxis {
    private final FieldController controller;
    /** What the last setting asked for and read, for a live view's panel (NaN before any). */
    private volatile double setT = Double.NaN;
    private volatile double measuredT = Double.NaN;

    public FieldAxis(FieldController controller) {
        this.controller = controller;
    }

    @Override
    public String name() {
        return "field";
    }

    @Override
    public String unit() {
        return "T";
    }

    @Override
    public void set(double tesla) {
        setT = tesla;
        measuredT = controller.setField(tesla).fieldT();
    }

    @Override
    public double readBack() {
        return controller.readField();
    }

    /** The field and magnet as this axis last left them (no query: the panel costs the bench nothing). */
    public RunProgress.FieldPanel panel() {
        return controller.panel(setT, measuredT);
    }

    @Override
    public void safeZero() {
        try {
            controller.rampToZero();
        } catch (RuntimeException e) {
            // The controller ramps the magnet to 0 A on any failure itself; closing it tries once more.
        }
    }
}
