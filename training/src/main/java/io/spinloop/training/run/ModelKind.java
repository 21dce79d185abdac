package io.spinloop.training.run;

/** Which neuron the network is made of. */
public enum ModelKind {
    /** Spintronic oscillator neurons with high-pass filtered outputs (seed 000 eq. 2–5). */
    SPINTRONIC,
    /** The software CTRNN of the same topology (seed 000 eq. 6–8). */
    CTRNN
}
