package io.spinloop.twin.model;

/**
 * One Gaussian transition of the auto-oscillator's power for one trajectory, with partials: what
 * {@link AutoOscillator} steps with. Set the inputs, call {@link #evaluate()}, read the mean and standard
 * deviation of the next state and their partials with respect to (p, current, Γ, I_th, Q, D) in the order of
 * {@link AutoOscillatorStep#P} and the constants after it.
 */
public abstract class StepKernel {
    public double p;
    public double current;
    public double gamma;
    public double threshold;
    public double q;
    public double noise;
    public double dt;

    public double mean;
    public double std;
    public final double[] dMean = new double[6];
    public final double[] dStd = new double[6];

    public abstract void evaluate();
}
