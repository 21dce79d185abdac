package io.spinloop.training.neuron;

/** How a neuron's ODE is advanced over an input interval. */
public enum Integrator {
    /** Closed-form solution with the drive held constant over the interval (stable for any dt). */
    EXACT,
    /** Classic RK4 with a configurable number of sub-steps per interval. */
    RK4
}
