package io.spinloop.training.chip;

/**
 * Adam on the host's flattened weights, with per-element gradient clipping. Its moments are part of a
 * checkpoint, so a resumed run continues exactly where it stopped.
 */
public final class WeightOptimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double[] m;
    private final double[] v;
    private long steps;
    private final double clip;

    public WeightOptimizer(int size, double clip) {
        this.m = new double[size];
        this.v = new double[size];
        this.clip = clip;
    }

    public void step(NetworkWeights w, double[] grad, double lr) {
        steps++;
        double c1 = 1 - Math.pow(BETA1, steps);
        double c2 = 1 - Math.pow(BETA2, steps);
        for (int i = 0; i < grad.length; i++) {
            double g = Math.max(-clip, Math.min(clip, grad[i]));
            m[i] = BETA1 * m[i] + (1 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
            w.values[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPS);
        }
    }

    /** Copies of first moments, second moments and the step count (checkpoints). */
    public double[][] state() {
        return new double[][] {m.clone(), v.clone(), {steps}};
    }

    public void restore(double[][] state) {
        System.arraycopy(state[0], 0, m, 0, m.length);
        System.arraycopy(state[1], 0, v, 0, v.length);
        steps = (long) state[2][0];
    }
}
