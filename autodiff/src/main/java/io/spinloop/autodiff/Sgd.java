package io.spinloop.autodiff;

import java.util.HashMap;
import java.util.Map;

/** Stochastic gradient descent with optional (heavy-ball) momentum. */
public final class Sgd implements Optimizer {
    private final double momentum;
    private final Map<String, double[]> velocity = new HashMap<>();

    public Sgd() {
        this(0.0);
    }

    public Sgd(double momentum) {
        if (momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("momentum must be in [0,1), got " + momentum);
        }
        this.momentum = momentum;
    }

    @Override
    public void step(Parameters params, double lr) {
        for (Parameter p : params.list()) {
            double[] w = p.value().data();
            double[] g = p.grad();
            if (momentum == 0.0) {
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * g[i];
                }
            } else {
                double[] v = velocity.computeIfAbsent(p.name(), k -> new double[w.length]);
                for (int i = 0; i < w.length; i++) {
                    v[i] = momentum * v[i] + g[i];
                    w[i] -= lr * v[i];
                }
            }
            p.applyMask();
        }
    }
}
