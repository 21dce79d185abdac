package io.spinloop.lab.powercurve;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/** Derivative-free minimization (Nelder-Mead simplex) for the few parameters of a calibration fit. */
final class NelderMead {
    private NelderMead() {
    }

    static double[] minimize(ToDoubleFunction<double[]> f, double[] start, double[] steps, int maxEvaluations) {
        int n = start.length;
        double[][] simplex = new double[n + 1][];
        double[] values = new double[n + 1];
        simplex[0] = start.clone();
        for (int i = 0; i < n; i++) {
            simplex[i + 1] = start.clone();
            simplex[i + 1][i] += steps[i];
        }
        for (int i = 0; i <= n; i++) {
            values[i] = f.applyAsDouble(simplex[i]);
        }
        int evaluations = n + 1;
        Integer[] order = new Integer[n + 1];
        while (evaluations < maxEvaluations) {
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (p, q) -> Double.compare(values[p], values[q]));
            int best = order[0];
            int worst = order[n];
            int second = order[n - 1];
            if (Math.abs(values[worst] - values[best]) <= 1e-12 * (Math.abs(values[best]) + 1e-30)) {
                break;
            }
            double[] centroid = new double[n];
            for (int i = 0; i <= n; i++) {
                if (i != worst) {
                    for (int j = 0; j < n; j++) {
                        centroid[j] += simplex[i][j] / n;
                    }
                }
            }
            double[] reflected = along(centroid, simplex[worst], -1.0);
            double fr = f.applyAsDouble(reflected);
            evaluations++;
            if (fr < values[best]) {
                double[] expanded = along(centroid, simplex[worst], -2.0);
                double fe = f.applyAsDouble(expanded);
                evaluations++;
                if (fe < fr) {
                    simplex[worst] = expanded;
                    values[worst] = fe;
                } else {
                    simplex[worst] = reflected;
                    values[worst] = fr;
                }
            } else if (fr < values[second]) {
                simplex[worst] = reflected;
                values[worst] = fr;
            } else {
                double[] contracted = along(centroid, simplex[worst], 0.5);
                double fc = f.applyAsDouble(contracted);
                evaluations++;
                if (fc < values[worst]) {
                    simplex[worst] = contracted;
                    values[worst] = fc;
                } else {
                    for (int i = 0; i <= n; i++) {
                        if (i != best) {
                            simplex[i] = along(simplex[best], simplex[i], 0.5);
                            values[i] = f.applyAsDouble(simplex[i]);
                            evaluations++;
                        }
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= n; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return simplex[best];
    }

    /** centroid + t (point - centroid). */
    private static double[] along(double[] centroid, double[] point, double t) {
        double[] x = new double[centroid.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = centroid[j] + t * (point[j] - centroid[j]);
        }
        return x;
    }
}
