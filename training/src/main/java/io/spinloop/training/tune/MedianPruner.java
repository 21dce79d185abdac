package io.spinloop.training.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Stops a trial whose value after epoch e is below the median of the other trials' values after epoch e
 * (Optuna's MedianPruner): no pruning during the first {@code warmupEpochs} epochs, nor before
 * {@code minTrials} other trials have reached that epoch.
 */
public final class MedianPruner {
    private final int warmupEpochs;
    private final int minTrials;

    public MedianPruner(int warmupEpochs, int minTrials) {
        this.warmupEpochs = warmupEpochs;
        this.minTrials = minTrials;
    }

    @Override
    public String toString() {
        return "MedianPruner[warmup " + warmupEpochs + ", min trials " + minTrials + "]";
    }

    /** Whether {@code trial}, having just reported its value for epoch {@code epoch} (0-based), should stop. */
    public boolean shouldPrune(Trial trial, int epoch, List<Trial> all) {
        if (epoch < warmupEpochs) {
            return false;
        }
        List<Double> others = new ArrayList<>();
        for (Trial t : all) {
            if (t == trial) {
                continue;
            }
            List<Double> v = t.intermediate();
            if (v.size() > epoch) {
                // Best so far up to this epoch, as Optuna does for a maximised objective.
                double best = Double.NEGATIVE_INFINITY;
                for (int i = 0; i <= epoch; i++) {
                    best = Math.max(best, v.get(i));
                }
                others.add(best);
            }
        }
        if (others.size() < minTrials) {
            return false;
        }
        Collections.sort(others);
        int n = others.size();
        double median = n % 2 == 1 ? others.get(n / 2) : 0.5 * (others.get(n / 2 - 1) + others.get(n / 2));
        List<Double> mine = trial.intermediate();
        double myBest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= epoch && i < mine.size(); i++) {
            myBest = Math.max(myBest, mine.get(i));
        }
        return myBest < median;
    }
}
