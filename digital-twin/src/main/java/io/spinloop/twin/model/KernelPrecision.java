package io.spinloop.twin.model;

/** The arithmetic of the likelihood fit's kernel: double (the default) or float (twice the vector lanes). */
public enum KernelPrecision {
    FLOAT64,
    FLOAT32;

    /** A kernel of this precision for {@code sde} (one per thread). */
    public TransitionLossKernel kernel(NeuralSde sde) {
        return this == FLOAT32 ? new FloatNeuralSdeKernel(sde) : new NeuralSdeKernel(sde);
    }
}
