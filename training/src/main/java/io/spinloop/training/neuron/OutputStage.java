package io.spinloop.training.neuron;

/** How a layer's neuron states become the signals sent to the next layer and back into the layer. */
public enum OutputStage {
    /**
     * A first-order high-pass filter of the state (seed 000 eq. 5, dy/dt = −2π f_cut y + dx/dt), so
     * that the next layer is driven by the changes of the oscillator power around its operating point.
     */
    HIGH_PASS,
    /** y = tanh(x), the CTRNN activation (seed 000 eq. 8). */
    TANH
}
