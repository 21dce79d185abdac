package io.spinloop.twin.file;

import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.validate.DistributionMetrics;
import io.spinloop.twin.validate.ValidationReport;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a twin file holds: the twin, where its training data came from and how it was fitted, and its
 * validation figures on held-out sequences (null if never validated).
 *
 * @param twin       model, normalisation and sample interval
 * @param provenance free-form facts about the training data and the fit (data file paths, counts, seed,
 *                   objective, epochs, seconds, regime), written as root attributes of {@code /provenance}
 * @param validation figures on held-out measurements, or null
 */
public record TwinRecord(DigitalTwin twin, Map<String, Object> provenance, ValidationReport validation) {
    public TwinRecord {
        Objects.requireNonNull(twin, "twin");
        provenance = Map.copyOf(provenance);
    }

    static double[] metricsArray(DistributionMetrics m) {
        return new double[] {m.meanError(), m.spreadError(), m.spreadRatio(), m.logSpreadError(), m.autocorrError(),
            m.distance()};
    }

    static DistributionMetrics metrics(double[] a) {
        return new DistributionMetrics(a[0], a[1], a[2], a[3], a[4], a[5]);
    }
}
