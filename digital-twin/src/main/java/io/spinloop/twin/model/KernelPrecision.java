package io.spinloop.twin.model;

import java.util.Locale;

/**
 * The arithmetic of the likelihood fit's kernel: float (the default since issue 17: twice the vector lanes, about 0.7x
 * the epoch's CPU, validation figures within the float64 seed spread; README "Digital twin") or double.
 */
public enum KernelPrecision {
    FLOAT64,
    FLOAT32;

    /** A kernel of this precision for {@code sde} (one per thread). */
    public TransitionLossKernel kernel(NeuralSde sde) {
        return this == FLOAT32 ? new FloatNeuralSdeKernel(sde) : new NeuralSdeKernel(sde);
    }

    /** The name options and provenance use: {@code float64}, {@code float32}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The precision named {@code name} ({@link #configName()}); anything else is refused naming both. */
    public static KernelPrecision named(String name) {
        for (KernelPrecision p : values()) {
            if (p.configName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a precision: float64 or float32");
    }
}
