package io.spinloop.twin.file;

import io.jhdf.api.WritableGroup;
import io.spinloop.twin.model.AutoOscillator;
import io.spinloop.twin.model.PhysicsResidualArchitecture;
import io.spinloop.twin.model.PhysicsResidualSde;

/**
 * Physics-residual SDE in a twin file:
 *
 * <pre>
 * /meta/architecture    @drift_hidden @diffusion_hidden @fit_physics @state_offset @state_scale @drive_offset_A
 *                       @drive_scale_A @time_unit_s @min_diffusion @moment_closure (its networks' feature scaling
 *                       and the physics step's density)
 * /meta/physical        its physics' values, as an auto-oscillator's
 * </pre>
 */
final class PhysicsResidualKind implements TwinKind<PhysicsResidualSde> {

    @Override
    public String name() {
        return PhysicsResidualSde.KIND;
    }

    @Override
    public Class<PhysicsResidualSde> type() {
        return PhysicsResidualSde.class;
    }

    @Override
    public void write(PhysicsResidualSde prs, WritableGroup meta) {
        PhysicsResidualArchitecture a = prs.architecture();
        WritableGroup ag = meta.putGroup("architecture");
        ag.putAttribute("drift_hidden", a.driftHidden());
        ag.putAttribute("diffusion_hidden", a.diffusionHidden());
        ag.putAttribute("fit_physics", a.fitPhysics() ? 1 : 0);
        ag.putAttribute("state_offset", a.stateOffset());
        ag.putAttribute("state_scale", a.stateScale());
        ag.putAttribute("drive_offset_A", a.driveOffsetA());
        ag.putAttribute("drive_scale_A", a.driveScaleA());
        ag.putAttribute("time_unit_s", a.timeUnitS());
        ag.putAttribute("min_diffusion", a.minDiffusion());
        ag.putAttribute("moment_closure", a.momentClosure() ? 1 : 0);
        AutoOscillatorKind.writePhysical(prs.physics(), meta);
    }

    @Override
    public PhysicsResidualSde read(StoredGroup meta) throws InvalidTwinFileException {
        StoredGroup ag = meta.group("architecture");
        PhysicsResidualArchitecture a = new PhysicsResidualArchitecture(ag.whole("drift_hidden"),
                ag.whole("diffusion_hidden"), ag.number("fit_physics") != 0, ag.number("state_offset"),
                ag.number("state_scale"), ag.number("drive_offset_A"), ag.number("drive_scale_A"),
                ag.number("time_unit_s"), ag.number("min_diffusion"), ag.number("moment_closure") != 0);
        ag.requireStored(PhysicsResidualSde.parameterCount(a), "widths " + a.driftHidden() + "/"
                + a.diffusionHidden());
        return new PhysicsResidualSde(a, AutoOscillator.defaults(), 0);
    }
}
