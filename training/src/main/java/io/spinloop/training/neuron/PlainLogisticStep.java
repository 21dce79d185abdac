package io.spinloop.training.neuron;

/** {@link LogisticStepFloat}'s loop, the step without the Vector API. */
final class PlainLogisticStep implements FloatOscillatorStep {
    @Override
    public void stepWithJacobian(float gamma, float dt, float[] x, float[] drive, float[] xNext, float[] dNextDx,
            float[] dNextDdrive, int n) {
        LogisticStepFloat.stepWithJacobian(gamma, dt, x, drive, xNext, dNextDx, dNextDdrive, n);
    }

    @Override
    public String name() {
        return "plain";
    }
}
