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
        return LikelihoodLoss.of(tape, sde, prev, drive, next, null, from, to, dt, weight);
    }
}
