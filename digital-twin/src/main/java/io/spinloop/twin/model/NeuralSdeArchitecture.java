package io.spinloop.twin.model;

/**
 * Shape of a {@link NeuralSde}: latent states beyond the observed one, hidden widths of the drift MLP (two
 * tanh layers) and of the diffusion MLP (one tanh layer), the diffusion floor that keeps the transition
 * density proper, and how many past drives the networks see. {@code diffusion == false} makes the
 * deterministic twin (drift only) that the spread test is meant to reject.
 *
 * <p>{@code driveHistory = h > 0} feeds the drives of the h previous steps to both networks (kept as
 * deterministic state components after the dynamic ones). The measured power is P = k I² p: when the drive
 * changes, P jumps by (I_t/I_{t-1})², and without I_{t-1} the power alone is not a Markov state, which a
 * likelihood fit pays for with an inflated diffusion. One past drive makes (P_{t-1}, I_{t-1}, I_t) carry the
 * device's state p, and the teacher-forced likelihood stays exact.
 */
public record NeuralSdeArchitecture(int latent, int driftHidden, int diffusionHidden, double minDiffusion,
        boolean diffusion, int driveHistory) {

    public NeuralSdeArchitecture {
        if (latent < 0 || driftHidden < 1 || diffusionHidden < 1 || !(minDiffusion >= 0) || driveHistory < 0) {
            throw new IllegalArgumentException("neural SDE architecture needs latent >= 0, widths >= 1, a "
                    + "diffusion floor >= 0 and a drive history >= 0, got " + latent + ", " + driftHidden + ", "
                    + diffusionHidden + ", " + minDiffusion + ", " + driveHistory);
        }
    }

    /** Without drive history. */
    public NeuralSdeArchitecture(int latent, int driftHidden, int diffusionHidden, double minDiffusion, boolean diffusion) {
        this(latent, driftHidden, diffusionHidden, minDiffusion, diffusion, 0);
    }

    /** The default: no latent state, 16 drift units, 16 diffusion units, no drive history. */
    public static NeuralSdeArchitecture standard() {
        return new NeuralSdeArchitecture(0, 16, 16, 1e-5, true, 0);
    }

    public NeuralSdeArchitecture withoutDiffusion() {
        return new NeuralSdeArchitecture(latent, driftHidden, diffusionHidden, minDiffusion, false, driveHistory);
    }

    public NeuralSdeArchitecture withLatent(int n) {
        return new NeuralSdeArchitecture(n, driftHidden, diffusionHidden, minDiffusion, diffusion, driveHistory);
    }

    public NeuralSdeArchitecture withDriveHistory(int h) {
        return new NeuralSdeArchitecture(latent, driftHidden, diffusionHidden, minDiffusion, diffusion, h);
    }

    /** Components that the SDE moves (observed power and latent states): drift and noise dimension. */
    public int dynamicSize() {
        return 1 + latent;
    }

    /** The whole state: the dynamic components, then the past drives u_{t-1}, ..., u_{t-h}. */
    public int stateSize() {
        return 1 + latent + driveHistory;
    }

    /** Inputs of both networks: the state and the drive held over the step. */
    public int networkInputs() {
        return stateSize() + 1;
    }

    /**
     * Weights and biases of both networks, in long arithmetic (sizes given on a command line can be absurd), or
     * Long.MAX_VALUE when even that overflows.
     */
    public long parameterCount() {
        long in = (long) latent + driveHistory + 2;
        long h = driftHidden;
        long hd = diffusionHidden;
        long n = 1L + latent;
        try {
            long drift = Math.addExact(Math.addExact(Math.multiplyExact(in + 1, h), Math.multiplyExact(h + 1, h)),
                    Math.multiplyExact(h + 1, n));
            long noise = diffusion ? Math.addExact(Math.multiplyExact(in + 1, hd), Math.multiplyExact(hd + 1, n)) : 0;
            return Math.addExact(drift, noise);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Entries of the largest weight matrix, in long arithmetic. */
    public long largestMatrix() {
        long in = (long) latent + driveHistory + 2;
        return Math.max(Math.max(in * driftHidden, (long) driftHidden * driftHidden), in * diffusionHidden);
    }

    /** {@code rows x cols} as an array length, refused when Java cannot hold such an array. */
    static int matrixSize(int rows, int cols) {
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " weight matrix has " + n
                    + " entries; a Java array holds at most " + (Integer.MAX_VALUE - 8));
        }
        return (int) n;
    }
}
