package io.spinloop.app.twin;

import io.spinloop.twin.validate.DistributionMetrics;
import io.spinloop.twin.validate.ValidationReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** Validation figures as plain maps for {@code --json}. */
final class ReportJson {
    private ReportJson() {
    }

    static Map<String, Object> of(ValidationReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequences", r.sequences());
        m.put("repeats", r.repeats());
        m.put("steps", r.steps());
        m.put("twin", metrics(r.twin()));
        m.put("floor", metrics(r.floor()));
        Map<String, Object> ratio = new LinkedHashMap<>();
        ratio.put("mean_error", r.meanRatio());
        ratio.put("spread_error", r.spreadRatio());
        ratio.put("autocorr_error", r.autocorrRatio());
        ratio.put("wasserstein1", r.distanceRatio());
        m.put("twin_over_floor", ratio);
        m.put("passes_1_5x_floor", r.passes(1.5));
        return m;
    }

    static Map<String, Object> metrics(DistributionMetrics d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean_error", d.meanError());
        m.put("spread_error", d.spreadError());
        m.put("spread_ratio", d.spreadRatio());
        m.put("log_spread_error", d.logSpreadError());
        m.put("autocorr_error", d.autocorrError());
        m.put("wasserstein1", d.distance());
        return m;
    }
}
