package io.spinloop.twin.fit;

import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.model.NeuralSde;

/** Opens the package-private tape reference of the transition loss to tests in other packages. */
public final class LikelihoodLossProbe {
    private LikelihoodLossProbe() {
    }

    public static Tensor of(Tape tape, NeuralSde sde, double[] prev, double[] drive, double[] next, int from, int to,
            double dt, double weight) {
        return LikelihoodLoss.of(tape, sde, prev, drive, null, next, null, from, to, dt, weight);
    }

    /** With the past drives of row k at [k h, k h + h). */
    public static Tensor of(Tape tape, NeuralSde sde, double[] prev, double[] drive, double[] history, double[] next,
            int from, int to, double dt, double weight) {
        return LikelihoodLoss.of(tape, sde, prev, drive, history, next, null, from, to, dt, weight);
    }
}
