package io.spinloop.autodiff;

/** Updates parameter values in place from their accumulated gradients. */
public interface Optimizer {
    /** One update with learning rate {@code lr}, using {@link Parameter#grad()} of each parameter. */
    void step(Parameters params, double lr);
}
