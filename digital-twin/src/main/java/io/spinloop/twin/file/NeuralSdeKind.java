package io.spinloop.twin.file;

import io.jhdf.api.WritableGroup;
import io.spinloop.twin.model.NeuralSde;
import io.spinloop.twin.model.NeuralSdeArchitecture;

/**
 * Neural SDE in a twin file:
 *
 * <pre>
 * /meta/architecture    @latent @drift_hidden @diffusion_hidden @min_diffusion @diffusion @rest_state, and
 *                       @drive_history when past drives are inputs (files without it have none; an older reader
 *                       refuses such a file, /parameters/drift.w1 having more rows than it expects)
 * </pre>
 */
final class NeuralSdeKind implements TwinKind<NeuralSde> {

    @Override
    public String name() {
        return NeuralSde.KIND;
    }

    @Override
    public Class<NeuralSde> type() {
        return NeuralSde.class;
    }

    @Override
    public void write(NeuralSde sde, WritableGroup meta) {
        NeuralSdeArchitecture a = sde.architecture();
        WritableGroup ag = meta.putGroup("architecture");
        ag.putAttribute("latent", a.latent());
        ag.putAttribute("drift_hidden", a.driftHidden());
        ag.putAttribute("diffusion_hidden", a.diffusionHidden());
        ag.putAttribute("min_diffusion", a.minDiffusion());
        ag.putAttribute("diffusion", a.diffusion() ? 1 : 0);
        ag.putAttribute("rest_state", sde.restState());
        if (a.driveHistory() > 0) {
            ag.putAttribute("drive_history", a.driveHistory());
        }
    }

    @Override
    public NeuralSde read(StoredGroup meta) throws InvalidTwinFileException {
        StoredGroup ag = meta.group("architecture");
        // Files written before drive history have no @drive_history: the networks see no past drives.
        boolean history = ag.has("drive_history");
        NeuralSdeArchitecture a = new NeuralSdeArchitecture(ag.whole("latent"), ag.whole("drift_hidden"),
                ag.whole("diffusion_hidden"), ag.number("min_diffusion"), ag.number("diffusion") != 0,
                history ? ag.whole("drive_history") : 0);
        ag.requireStored(NeuralSde.parameterCount(a), "latent " + a.latent() + ", widths " + a.driftHidden() + "/"
                + a.diffusionHidden() + ", drive history " + a.driveHistory());
        NeuralSde sde = new NeuralSde(a, 0);
        sde.setRestState(ag.number("rest_state"));
        return sde;
    }
}
