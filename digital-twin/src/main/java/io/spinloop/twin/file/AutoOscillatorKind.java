package io.spinloop.twin.file;

import io.jhdf.api.WritableGroup;
import io.spinloop.twin.model.AutoOscillator;

/**
 * Auto-oscillator in a twin file: no shape beyond its parameters; its physical values in {@code /meta/physical},
 * for readers (the parameters, stored unconstrained, are what is read back).
 */
final class AutoOscillatorKind implements TwinKind<AutoOscillator> {

    @Override
    public String name() {
        return AutoOscillator.KIND;
    }

    @Override
    public Class<AutoOscillator> type() {
        return AutoOscillator.class;
    }

    @Override
    public void write(AutoOscillator model, WritableGroup meta) {
        writePhysical(model, meta);
    }

    @Override
    public AutoOscillator read(StoredGroup meta) {
        return new AutoOscillator(AutoOscillator.defaults());
    }

    /** {@code /meta/physical}: @NAME = physical value of each bounded parameter. */
    static void writePhysical(AutoOscillator physics, WritableGroup meta) {
        WritableGroup phys = meta.putGroup("physical");
        physics.bounded().forEach(b -> phys.putAttribute(b.name(), b.value()));
    }
}
