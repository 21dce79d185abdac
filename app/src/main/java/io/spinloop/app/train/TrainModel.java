package io.spinloop.app.train;

import io.spinloop.training.run.ModelKind;

/** The networks {@code spinloop train --model} trains, by their command-line names. */
enum TrainModel {
    /** Seed 000: the multilayer network of oscillator neurons. */
    SPINTRONIC("spintronic", ModelKind.SPINTRONIC),
    /** Seed 000's baseline: the same network of CTRNN neurons. */
    CTRNN("ctrnn", ModelKind.CTRNN),
    /** Seed 003: the p(I) dynamical network. */
    POWER_CURVE("power-curve", null),
    /** Seed 002: coupled macrospin STOs between read-in and read-out layers. */
    MACROSPIN("macrospin", null);

    private final String cliName;
    private final ModelKind multilayer;

    TrainModel(String cliName, ModelKind multilayer) {
        this.cliName = cliName;
        this.multilayer = multilayer;
    }

    /** True for seed 000's multilayer network (spintronic or CTRNN neurons), trained into a run directory. */
    boolean multilayer() {
        return multilayer != null;
    }

    /** The neurons of the multilayer network; null for the others. */
    ModelKind kind() {
        return multilayer;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
