package io.spinloop.training.study;

import io.spinloop.training.run.TrainingConfig;

/** One training run of a study: its variant label, config and outcome. */
public record SeedRun(String variant, TrainingConfig config, double finalTestAccuracy, double bestTestAccuracy,
        double medianEpochSeconds, String status) {
}
