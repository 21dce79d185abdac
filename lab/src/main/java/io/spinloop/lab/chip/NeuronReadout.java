package io.spinloop.lab.chip;

import io.spinloop.drivers.source.SourceTiming;
import io.spinloop.twin.neuron.SdeNeuronTwin;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a device was read when its twin was calibrated: the zero-span settings, the line tracking and the source's
 * timing settings (null when calibration left the source as it was). Stored in the twin file's provenance, so a later
 * deployment reads the device the way its twin knows it, without recalibrating: the timing is set on the source again,
 * since the zero span of each list is sized for the point period the timing gives.
 */
public record NeuronReadout(ZeroSpanSettings settings, ChipChannel.LineTracking tracking, SourceTiming timing) {

    /** A readout of a source left with its own timing. */
    public NeuronReadout(ZeroSpanSettings settings, ChipChannel.LineTracking tracking) {
        this(settings, tracking, null);
    }

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
        if (timing != null) {
            m.put("neuron_source_nplc", timing.nplc());
            m.put("neuron_source_auto_zero", timing.autoZero().configName());
            m.put("neuron_source_trigger_delay_s", timing.triggerDelayS());
            m.put("neuron_source_measure_in_lists", timing.measureInLists() ? 1L : 0L);
        }
        return m;
    }

    /** The readout a twin file's provenance holds; a missing or bad attribute is refused naming it. */
    public static NeuronReadout of(Map<String, Object> p, String source) {
        ZeroSpanSettings s = new ZeroSpanSettings(number(p, "neuron_zero_span_Hz", source),
                number(p, "neuron_rbw_Hz", source), number(p, "neuron_dwell_s", source),
                number(p, "neuron_point_period_s", source), (int) number(p, "neuron_bins_per_point", source),
                (int) number(p, "neuron_max_list_points", source));
        SourceTiming timing = null;
        if (p.containsKey("neuron_source_nplc")) { // files calibrated before issue 17 have none: the source as it is
            Object az = p.get("neuron_source_auto_zero");
            SourceTiming.AutoZero autoZero = java.util.Arrays.stream(SourceTiming.AutoZero.values())
                    .filter(a -> a.configName().equals(String.valueOf(az))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(source + ": attribute neuron_source_auto_zero is '"
                            + az + "', expected on, off or once"));
            try {
                timing = new SourceTiming(number(p, "neuron_source_nplc", source), autoZero,
                        number(p, "neuron_source_trigger_delay_s", source),
                        number(p, "neuron_source_measure_in_lists", source) != 0);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": the source timing it holds is refused: "
                        + e.getMessage(), e);
            }
        }
        return new NeuronReadout(s, new ChipChannel.LineTracking(number(p, "neuron_tracking_top_A", source),
                number(p, "neuron_tracking_offset_Hz", source), number(p, "neuron_tracking_search_span_Hz", source)),
                timing);
    }

    static double number(Map<String, Object> p, String key, String source) {
        return SdeNeuronTwin.provenanceNumber(p, key, source);
    }
}
