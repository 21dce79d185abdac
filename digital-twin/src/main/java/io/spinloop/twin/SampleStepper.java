package io.spinloop.twin;

/**
 * A model's step without a tape, for sampling only: plain arrays in, plain arrays out, no allocation. A model
 * offers one through {@link DeviceModel#stepper()} when it has a faster path than its tape ops; one instance
 * per thread (it may own scratch buffers).
 */
public interface SampleStepper {
    /** {@code out = step(x, u, dt, xi)} for rows [0, n); states are row-major n x stateSize; xi null = noise off. */
    void step(double[] x, double[] u, double dt, double[] xi, double[] out, int n);

    /** Observation (first component) of states {@code x} under inputs {@code u}, rows [0, n). */
    void observe(double[] x, double[] u, double[] y, int n);
}
