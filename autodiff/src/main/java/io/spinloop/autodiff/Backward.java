package io.spinloop.autodiff;

/**
 * The backward step of one recorded op: reads the gradient of the op's output from the tape and adds
 * the gradients of its inputs (vector-Jacobian product). Ops and fused cells supply one as a lambda.
 */
@FunctionalInterface
public interface Backward {
    void run();
}
