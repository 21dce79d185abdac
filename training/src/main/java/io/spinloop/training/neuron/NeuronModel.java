package io.spinloop.training.neuron;

/**
 * The dynamics of one kind of neuron, applied element-wise to a whole layer and batch at once: the state
 * x of each neuron advances over an input interval dt under a drive I held constant over it,
 * {@code x' = Φ(x, I)}. This is the seam where a network's neurons are swapped: the analytic oscillator and
 * CTRNN models here, a digital-twin model, or a physical device measured through the instruments (its
 * forward is the measurement; its backward the twin's Jacobian evaluated at the measured states).
 *
 * <p>The maps are element-wise: arrays are blocks of {@code n} neuron states (a layer over a batch, in
 * whatever order the caller keeps them).
 */
public interface NeuronModel {

    /** Drive added to every neuron's synaptic drive; 2γ for the oscillator (seed 000, b_fixed). */
    double fixedDrive();

    /** The state of every neuron at the start of a sequence (states are reset between sequences). */
    double restState();

    /** How this neuron's state becomes the signal it sends to other neurons. */
    OutputStage outputStage();

    /** {@code xNext[i] = Φ(x[i], drive[i])} over {@code dt} (ns), for i in [0, n). */
    void step(double dt, double[] x, double[] drive, double[] xNext, int n);

    /**
     * {@link #step} that also returns its diagonal Jacobian, {@code dNextDx[i] = ∂Φ/∂x} and
     * {@code dNextDdrive[i] = ∂Φ/∂I} at (x[i], drive[i]), for a backward pass that then needs no second
     * evaluation of the model. This default gets the Jacobian from {@link #stepBackward} with unit
     * gradients; models override it to share work with the step (the oscillator's exponential).
     */
    default void stepWithJacobian(double dt, double[] x, double[] drive, double[] xNext, double[] dNextDx,
            double[] dNextDdrive, int n) {
        step(dt, x, drive, xNext, n);
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        java.util.Arrays.fill(dNextDx, 0, n, 0.0);
        java.util.Arrays.fill(dNextDdrive, 0, n, 0.0);
        stepBackward(dt, x, drive, xNext, ones, dNextDx, dNextDdrive, n);
    }

    /**
     * {@link #stepWithJacobian(double, double[], double[], double[], double[], double[], int)} over float rows, for
     * the network's float32 pass. This default runs the double version on copies (right for every model, fast for
     * none); the analytic models override it with single-precision arithmetic that the JIT vectorizes.
     */
    default void stepWithJacobian(float dt, float[] x, float[] drive, float[] xNext, float[] dNextDx,
            float[] dNextDdrive, int n) {
        double[] xd = new double[n];
        double[] id = new double[n];
        for (int i = 0; i < n; i++) {
            xd[i] = x[i];
            id[i] = drive[i];
        }
        double[] nx = new double[n];
        double[] dx = new double[n];
        double[] di = new double[n];
        stepWithJacobian((double) dt, xd, id, nx, dx, di, n);
        for (int i = 0; i < n; i++) {
            xNext[i] = (float) nx[i];
            dNextDx[i] = (float) dx[i];
            dNextDdrive[i] = (float) di[i];
        }
    }

    /**
     * The vector-Jacobian product of {@link #step} at (x, drive), whose result was {@code xNext}:
     * {@code gX[i] += gNext[i] ∂Φ/∂x} and {@code gDrive[i] += gNext[i] ∂Φ/∂I}. {@code xNext} is given so
     * that a device model can be linearised at the state actually reached (measured) rather than predicted.
     */
    void stepBackward(double dt, double[] x, double[] drive, double[] xNext, double[] gNext,
            double[] gX, double[] gDrive, int n);

    /** A short description for configs and logs, e.g. "oscillator(tau=14.12ns, exact)". */
    String describe();
}
