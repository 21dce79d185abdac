package io.spinloop.twin.fit;

/** What a neural-SDE fit minimises. */
public enum Objective {
    /**
     * The Euler–Maruyama Gaussian transition likelihood, teacher-forced on the measured power: proper when the
     * measured power is the whole state, fully parallel over time, the default.
     */
    LIKELIHOOD,
    /**
     * Distributional: free-running rollouts over windows, matching per-time mean, spread and lag-1
     * autocovariance across repeats (the remedy when the likelihood under-estimates noise because the state
     * is only partly observed, and the only objective for latent states).
     */
    MOMENTS,
    /** Likelihood first, then moments from there; validation keeps whichever twin is closer to the floor. */
    AUTO
}
