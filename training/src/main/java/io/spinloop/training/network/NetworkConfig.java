package io.spinloop.training.network;

/**
 * Shape and fixed (non-trained) settings of a multilayer network of dynamical neurons (seed 000, Fig. 1).
 *
 * @param layers        number of layers L
 * @param neurons       neurons per layer N
 * @param inputs        input channels (1 for sequential digits)
 * @param classes       readout outputs (10 digits)
 * @param densityInter  fraction of input→layer0 and layer→next-layer connections kept (0, 1]
 * @param densityIntra  fraction of within-layer connections kept (0, 1]
 * @param amplification S, the gain applied to every synaptic drive
 * @param dtNs          input interval Δt between sequence points, ns
 * @param fCutMHz       cut frequency of the inter-layer high-pass filter, MHz
 * @param initScale     weights start uniform in ±initScale/√fan-in
 */
public record NetworkConfig(int layers, int neurons, int inputs, int classes, double densityInter,
        double densityIntra, double amplification, double dtNs, double fCutMHz, double initScale) {

    public NetworkConfig {
        positive("layers", layers);
        positive("neurons", neurons);
        positive("inputs", inputs);
        positive("classes", classes);
        density("density-inter", densityInter);
        density("density-intra", densityIntra);
        finitePositive("amplification S", amplification);
        finitePositive("dt", dtNs);
        if (!(fCutMHz >= 0) || !Double.isFinite(fCutMHz)) {
            throw new IllegalArgumentException("f-cut must be >= 0 MHz, got " + fCutMHz);
        }
        finitePositive("init-scale", initScale);
    }

    /**
     * Entries of every weight matrix (before masking) and bias, in long arithmetic (sizes given on a command line
     * can be absurd); Long.MAX_VALUE when even that overflows.
     */
    public long weightCount() {
        long n = neurons;
        try {
            long perLayer = Math.addExact(Math.multiplyExact(n, n), Math.multiplyExact(n, n + 1)); // w_in, w_intra, bias
            long first = Math.addExact(Math.multiplyExact((long) inputs, n), Math.multiplyExact(n, n + 1));
            long rest = Math.multiplyExact(layers - 1L, perLayer);
            return Math.addExact(Math.addExact(first, rest), Math.multiplyExact(n + 1, (long) classes));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Entries of the largest weight matrix (N x N within a layer, or inputs x N into the first). */
    public long largestMatrix() {
        return Math.max((long) neurons * neurons, (long) inputs * neurons);
    }

    /** {@code rows x cols} as an array length, refused (naming the size) when Java cannot hold such an array. */
    static int matrixSize(int rows, int cols) {
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " weight matrix has " + n
                    + " entries; a Java array holds at most " + (Integer.MAX_VALUE - 8));
        }
        return (int) n;
    }

    /** The seed's network: 3 layers of 32, densities 0.5, S = 0.5, Δt = 1 ns, f_cut = 1 MHz. */
    public static NetworkConfig seedDefault() {
        return new NetworkConfig(3, 32, 1, 10, 0.5, 0.5, 0.5, 1.0, 1.0, 1.0);
    }

    private static void positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }

    private static void finitePositive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be a positive number, got " + v);
        }
    }

    private static void density(String what, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(what + " must be in (0, 1], got " + v);
        }
    }
}
