package io.spinloop.twin.model;

/**
 * The likelihood fit's fused transition loss with its gradient, in double ({@link NeuralSdeKernel}) or single
 * precision ({@link FloatNeuralSdeKernel}); {@link KernelPrecision} picks one. Not thread-safe: one per thread.
 */
public interface TransitionLossKernel {
    /** The gradient buffers, one per parameter in the order of {@link NeuralSde#parameters()}. */
    double[][] gradients();

    void zeroGrad();

    /**
     * Sum over rows {@code index[from..to)} (or {@code from..to} when index is null) of weight times the transition
     * loss; adds weight times its gradient into {@link #gradients()} when {@code withGradient}. {@code history} holds
     * row k's past drives at {@code [k h, k h + h)}, newest first (null without drive history).
     */
    double transitionLoss(double[] previous, double[] drive, double[] history, double[] next, int[] index, int from,
            int to, double dt, double weight, boolean withGradient);
}
