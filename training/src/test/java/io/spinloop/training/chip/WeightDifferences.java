package io.spinloop.training.chip;

import java.util.function.DoubleSupplier;

/** Central finite differences of a loss in one flattened weight, for the networks' gradient checks. */
final class WeightDifferences {
    private WeightDifferences() {
    }

    /** (L(v + h e_i) − L(v − h e_i)) / 2h with {@code w} set to each side, and left at {@code v}. */
    static double central(NetworkWeights w, double[] v, int i, double h, DoubleSupplier loss) {
        double[] p = v.clone();
        p[i] += h;
        w.set(p);
        double lp = loss.getAsDouble();
        p[i] -= 2 * h;
        w.set(p);
        double lm = loss.getAsDouble();
        w.set(v);
        return (lp - lm) / (2 * h);
    }
}
