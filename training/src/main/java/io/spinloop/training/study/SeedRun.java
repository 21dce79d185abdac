package io.spinloop.training.study;

import io.spinloop.training.run.TrainingConfig;

/**
 * One training run of a study: its variant label, config and outcome. {@code reportedTestAccuracy} is the run's
 * result (the epoch chosen on the validation part if the config holds one out, else the last epoch); the
 * best test accuracy over epochs is kept for reference only (choosing an epoch on the test set is optimistic).
 */
public record SeedRun(String variant, TrainingConfig config, double reportedTestAccuracy, double finalTestAccuracy,
        double bestTestAccuracy, double medianEpochSeconds, String status) implements java.io.Serializable {
}
