package io.spinloop.twin.model;

/**
 * Shape of a {@link NeuralSde}: latent states beyond the observed one, hidden widths of the drift MLP (two
 * tanh layers) and of the diffusion MLP (one tanh layer), and the diffusion floor that keeps the transition
 * density proper. {@code diffusion == false} makes the deterministic twin (drift only) that the spread test
 * is meant to reject.
 */
public record NeuralSdeArchitecture(int latent, int driftHidden, int diffusionHidden, double minDiffusion,
        boolean diffusion) {

    public NeuralSdeArchitecture {
        if (latent < 0 || driftHidden < 1 || diffusionHidden < 1 || !(minDiffusion >= 0)) {
            throw new IllegalArgumentException("neural SDE architecture needs latent >= 0, widths >= 1 and a "
                    + "diffusion floor >= 0, got " + latent + ", " + driftHidden + ", " + diffusionHidden + ", " + minDiffusion);
        }
    }

    /** The default: no latent state, 16 drift units, 16 diffusion units. */
    public static NeuralSdeArchitecture standard() {
        return new NeuralSdeArchitecture(0, 16, 16, 1e-5, true);
    }

    public NeuralSdeArchitecture withoutDiffusion() {
        return new NeuralSdeArchitecture(latent, driftHidden, diffusionHidden, minDiffusion, false);
    }

    public NeuralSdeArchitecture withLatent(int n) {
        return new NeuralSdeArchitecture(n, driftHidden, diffusionHidden, minDiffusion, diffusion);
    }

    public int stateSize() {
        return 1 + latent;
    }
}
