package io.spinloop.autodiff;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba) with bias correction, as in PyTorch's default (no weight decay, no amsgrad).
 * Its moments and step count can be read and restored, so a training run can resume exactly.
 */
public final class Adam implements Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final Map<String, double[]> m = new LinkedHashMap<>();
    private final Map<String, double[]> v = new LinkedHashMap<>();
    private long steps;

    public Adam() {
        this(0.9, 0.999, 1e-8);
    }

    public Adam(double beta1, double beta2, double eps) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && eps > 0)) {
            throw new IllegalArgumentException("Adam needs 0<=beta1,beta2<1 and eps>0");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    public void step(Parameters params, double lr) {
        steps++;
        double c1 = 1.0 - Math.pow(beta1, steps);
        double c2 = 1.0 - Math.pow(beta2, steps);
        for (Parameter p : params.list()) {
            double[] w = p.value().data();
            double[] g = p.grad();
            double[] mp = m.computeIfAbsent(p.name(), k -> new double[w.length]);
            double[] vp = v.computeIfAbsent(p.name(), k -> new double[w.length]);
            for (int i = 0; i < w.length; i++) {
                mp[i] = beta1 * mp[i] + (1 - beta1) * g[i];
                vp[i] = beta2 * vp[i] + (1 - beta2) * g[i] * g[i];
                w[i] -= lr * (mp[i] / c1) / (Math.sqrt(vp[i] / c2) + eps);
            }
            p.applyMask();
        }
    }

    /** Number of updates made so far. */
    public long steps() {
        return steps;
    }

    /** Live first-moment estimate of a parameter (null before its first update). */
    public double[] firstMoment(String parameter) {
        return m.get(parameter);
    }

    /** Live second-moment estimate of a parameter (null before its first update). */
    public double[] secondMoment(String parameter) {
        return v.get(parameter);
    }

    /** Restores the state saved from {@link #steps}, {@link #firstMoment} and {@link #secondMoment}. */
    public void restore(long steps, Map<String, double[]> first, Map<String, double[]> second) {
        this.steps = steps;
        m.clear();
        v.clear();
        first.forEach((k, a) -> m.put(k, a.clone()));
        second.forEach((k, a) -> v.put(k, a.clone()));
    }
}
