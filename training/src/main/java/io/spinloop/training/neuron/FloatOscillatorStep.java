package io.spinloop.training.neuron;

import io.spinloop.autodiff.VectorKernels;

/**
 * The oscillator's exact step and its diagonal Jacobian over float rows, the float32 pass's call (as
 * {@link OscillatorNeuron#stepWithJacobian(float, float[], float[], float[], float[], float[], int)} runs it for the
 * exact integrator). Two implementations: {@link VectorLogisticStep} through the Vector API when the JVM was started
 * with {@code --add-modules jdk.incubator.vector}, {@link LogisticStepFloat}'s loop (which C2 vectorizes from
 * {@code -XX:LoopUnrollLimit=250} on) otherwise. They differ in rounding, each within its documented bound.
 */
public interface FloatOscillatorStep {
    /** The step of this JVM, chosen once ({@link VectorKernels#PROPERTY} {@code =false} forces plain). */
    FloatOscillatorStep SELECTED = select(VectorKernels.modulePresent(), System.getProperty(VectorKernels.PROPERTY));

    /**
     * {@code xNext[i] = Φ(x[i], drive[i])} over {@code dt} for the logistic oscillator with rate {@code gamma}, and its
     * derivatives by x and by the drive, for i in [0, n).
     */
    void stepWithJacobian(float gamma, float dt, float[] x, float[] drive, float[] xNext, float[] dNextDx,
            float[] dNextDdrive, int n);

    /** Short name for reports: "vector" or "plain". */
    String name();

    static FloatOscillatorStep select(boolean modulePresent, String property) {
        return VectorKernels.choose(modulePresent, property, "io.spinloop.training.neuron.VectorLogisticStep",
                FloatOscillatorStep.class, PlainLogisticStep::new);
    }
}
