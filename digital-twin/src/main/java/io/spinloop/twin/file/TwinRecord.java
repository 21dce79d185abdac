package io.spinloop.twin.file;

import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.validate.DistributionMetrics;
import io.spinloop.twin.validate.ValidationReport;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
    /** Provenance keys of the lowest and highest drive of the data a twin was fitted on, A. */
    public static final String DRIVE_LOW_KEY = "data_drive_low_A";
    public static final String DRIVE_HIGH_KEY = "data_drive_high_A";

    public TwinRecord {
        Objects.requireNonNull(twin, "twin");
        provenance = Map.copyOf(provenance);
    }

    /**
     * The provenance entries that record the drive range of {@code data}: a twin is a fit to what it saw, and
     * whoever samples it outside that range should be told it extrapolates.
     */
    public static Map<String, Object> driveRangeOf(SequenceData data) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double[] seq : data.driveA()) {
            for (double i : seq) {
                low = Math.min(low, i);
                high = Math.max(high, i);
            }
        }
        return Map.of(DRIVE_LOW_KEY, low, DRIVE_HIGH_KEY, high);
    }

    /**
     * {low, high} of the drives the twin was fitted on, A; empty for files written before the range was recorded
     * (or whose record of it is not two finite numbers in order).
     */
    public Optional<double[]> fittedDriveRange() {
        if (provenance.get(DRIVE_LOW_KEY) instanceof Number lo && provenance.get(DRIVE_HIGH_KEY) instanceof Number hi) {
            double l = lo.doubleValue();
            double h = hi.doubleValue();
            if (Double.isFinite(l) && Double.isFinite(h) && l <= h) {
                return Optional.of(new double[] {l, h});
            }
        }
        return Optional.empty();
    }

    static double[] metricsArray(DistributionMetrics m) {
        return new double[] {m.meanError(), m.spreadError(), m.spreadRatio(), m.logSpreadError(), m.autocorrError(),
            m.distance()};
    }

    static DistributionMetrics metrics(double[] a) {
        return new DistributionMetrics(a[0], a[1], a[2], a[3], a[4], a[5]);
    }
}
