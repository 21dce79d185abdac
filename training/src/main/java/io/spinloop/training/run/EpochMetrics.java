package io.spinloop.training.run;

/** What one epoch achieved; train figures are averaged over the epoch's batches as they were trained. */
public record EpochMetrics(int epoch, double learningRate, double trainLoss, double trainAccuracy, double testLoss,
        double testAccuracy, double seconds) {
}
