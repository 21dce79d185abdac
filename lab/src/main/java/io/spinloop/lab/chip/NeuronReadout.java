package io.spinloop.lab.chip;

import io.spinloop.twin.neuron.SdeNeuronTwin;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a device was read when its twin was calibrated: the zero-span settings and the line tracking. Stored in the
 * twin file's provenance, so a later deployment reads the device the way its twin knows it, without recalibrating.
 */
public record NeuronReadout(ZeroSpanSettings settings, ChipChannel.LineTracking tracking) {

    public Map<String, Object> provenance() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("neuron_zero_span_Hz", settings.centerHz());
        m.put("neuron_rbw_Hz", settings.rbwHz());
        m.put("neuron_dwell_s", settings.dwellS());
        m.put("neuron_point_period_s", settings.pointPeriodS());
        m.put("neuron_bins_per_point", settings.binsPerPoint());
        m.put("neuron_max_list_points", settings.maxListPoints());
        m.put("neuron_tracking_top_A", tracking.topA());
        m.put("neuron_tracking_offset_Hz", tracking.offsetHz());
        m.put("neuron_tracking_search_span_Hz", tracking.searchSpanHz());
        return m;
    }

    /** The readout a twin file's provenance holds; a missing or bad attribute is refused naming it. */
    public static NeuronReadout of(Map<String, Object> p, String source) {
        ZeroSpanSettings s = new ZeroSpanSettings(number(p, "neuron_zero_span_Hz", source),
                number(p, "neuron_rbw_Hz", source), number(p, "neuron_dwell_s", source),
                number(p, "neuron_point_period_s", source), (int) number(p, "neuron_bins_per_point", source),
                (int) number(p, "neuron_max_list_points", source));
        return new NeuronReadout(s, new ChipChannel.LineTracking(number(p, "neuron_tracking_top_A", source),
                number(p, "neuron_tracking_offset_Hz", source), number(p, "neuron_tracking_search_span_Hz", source)));
    }

    static double number(Map<String, Object> p, String key, String source) {
        return SdeNeuronTwin.provenanceNumber(p, key, source);
    }
}
