package io.spinloop.training.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one epoch achieved; train figures are averaged over the epoch's batches as they were trained.
 * Validation figures are NaN when the run holds no validation part out of its training set.
 */
public record EpochMetrics(int epoch, double learningRate, double trainLoss, double trainAccuracy, double testLoss,
        double testAccuracy, double seconds,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = NotANumber.class) double validationLoss,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = NotANumber.class) double validationAccuracy) {

    /** From metrics.json or a checkpoint's JSON history, where absent validation figures mean NaN. */
    @JsonCreator
    static EpochMetrics fromJson(@JsonProperty("epoch") int epoch, @JsonProperty("learningRate") double learningRate,
            @JsonProperty("trainLoss") double trainLoss, @JsonProperty("trainAccuracy") double trainAccuracy,
            @JsonProperty("testLoss") double testLoss, @JsonProperty("testAccuracy") double testAccuracy,
            @JsonProperty("seconds") double seconds, @JsonProperty("validationLoss") Double validationLoss,
            @JsonProperty("validationAccuracy") Double validationAccuracy) {
        return new EpochMetrics(epoch, learningRate, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds,
                validationLoss == null ? Double.NaN : validationLoss,
                validationAccuracy == null ? Double.NaN : validationAccuracy);
    }

    /** Leaves absent validation figures out of metrics.json rather than writing "NaN" for every epoch. */
    static final class NotANumber {
        @Override
        public boolean equals(Object o) {
            return o instanceof Double d && d.isNaN();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** An epoch of a run without a validation part. */
    public EpochMetrics(int epoch, double learningRate, double trainLoss, double trainAccuracy, double testLoss,
            double testAccuracy, double seconds) {
        this(epoch, learningRate, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds, Double.NaN, Double.NaN);
    }
}
