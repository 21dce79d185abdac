package io.spinloop.training.chip;

import io.spinloop.training.mackeyglass.ForecastError;
import io.spinloop.training.mackeyglass.ForecastTask;

/** Forecast error of a network on a task, with its neurons in a given bank (twin or chip). */
public final class ForecastEvaluation {
    private ForecastEvaluation() {
    }

    public static ForecastError evaluate(QuasiStaticNetwork net, NetworkWeights w, ForecastTask task,
                                         NeuronBank bank) {
        return ForecastError.of(predictions(net.forward(w, task, bank, false), task), task.flatTargets());
    }

    /** The forecast of a pass over {@code task}, window after window, in the order of its flat targets. */
    public static double[] predictions(QuasiStaticNetwork.Trace tr, ForecastTask task) {
        int steps = task.steps();
        double[] pred = new double[task.windows() * steps];
        for (int r = 0; r < task.windows(); r++) {
            System.arraycopy(tr.y()[r], 0, pred, r * steps, steps);
        }
        return pred;
    }
}
