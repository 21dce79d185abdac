package io.spinloop.app.live;

import io.spinloop.lab.RunProgress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's progress as the live page sees it: each call is passed on to the terminal's listener (the progress bar)
 * and published to the page. The numbers of the progress panel are the progress bar's (points done, rate, time left).
 */
final class LiveRun implements RunProgress {
    private final RunProgress terminal;
    private final EventHub hub;
    private final StopButton stop;
    private final long startNanos = System.nanoTime();
    private String unit = "pts";
    private final Map<String, long[]> traffic = new LinkedHashMap<>();
    /**
     * States that change at every point are sent at most this often (10 a second: more than a person reads, and
     * what keeps --live from costing the measurement CPU; see {@link EventHub#publishThrottled}).
     */
    static final long THROTTLE_MS = 100;
    /** A map is being measured: its points are drawn in its grid, not as one p(I). */
    private volatile boolean mapping;

    LiveRun(RunProgress terminal, EventHub hub, StopButton stop) {
        this.terminal = terminal;
        this.hub = hub;
        this.stop = stop;
    }

    /** What its progress counts ("pts", "steps"), as the page says it. */
    LiveRun counting(String what) {
        this.unit = what;
        return this;
    }

    @Override
    public void pointsDone(long done, long total) {
        terminal.pointsDone(done, total);
        double elapsed = (System.nanoTime() - startNanos) * 1e-9;
        double rate = elapsed > 0 ? done / elapsed : 0;
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("done", done);
        e.put("total", total);
        e.put("rate", rate);
        e.put("elapsed_s", elapsed);
        e.put("left_s", rate > 0 && done < total ? (total - done) / rate : null);
        e.put("unit", unit);
        hub.publishThrottled("progress", "", () -> e, THROTTLE_MS);
    }

    @Override
    public void message(String text) {
        terminal.message(text);
        hub.publish("message", null, Map.of("text", text));
    }

    @Override
    public void warning(String text) {
        terminal.warning(text);
        hub.publish("message", null, Map.of("text", "warning: " + text, "warning", true));
    }

    @Override
    public boolean watchesDetails() {
        return true;
    }

    @Override
    public void spectrum(Spectrum s) {
        terminal.spectrum(s);
        // The spectrum is a state (only the latest is shown): at most one per THROTTLE_MS is built, fitted line
        // included, and encoded, so a fast sweep never spends its CPU on spectra nobody can read.
        {
            Spectrum latest = s;
            hub.publishThrottled("spectrum", "", () -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("current_A", latest.currentA());
                e.put("frequency_Hz", latest.frequencyHz());
                e.put("power_dBm", FiniteNumbers.of(latest.powerDbm()));
                e.put("fit_dBm", FiniteNumbers.of(latest.fittedDbm().get()));
                e.put("peak_Hz", finite(latest.peakHz()));
                e.put("power_W", latest.powerW());
                e.put("linewidth_Hz", finite(latest.linewidthHz()));
                return e;
            }, THROTTLE_MS);
        }
        if (mapping) {
            return; // a map's points come with their place in the grid (mapPoint)
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("current_A", s.currentA());
        p.put("power_W", s.powerW());
        p.put("peak_Hz", finite(s.peakHz()));
        hub.publish("point", null, p);
    }

    @Override
    public void zeroSpan(ZeroSpanReading r) {
        terminal.zeroSpan(r);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("sequence", r.sequence());
        e.put("repeat", r.repeat());
        e.put("time_s", r.timeS());
        e.put("drive_A", r.driveA());
        e.put("power_W", FiniteNumbers.of(r.powerW()));
        hub.publish("zerospan", "", e);
    }

    @Override
    public void source(SourcePanel s) {
        terminal.source(s);
        long now = System.nanoTime();
        long[] last = traffic.get(s.name());
        double rate = last == null || now == last[0] ? 0 : (s.messages() - last[1]) / ((now - last[0]) * 1e-9);
        traffic.put(s.name(), new long[] {now, s.messages()});
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", s.name());
        e.put("current_A", finite(s.currentA()));
        e.put("output_on", s.outputOn());
        e.put("compliance_V", s.complianceV());
        e.put("messages", s.messages());
        e.put("messages_per_s", rate);
        e.put("last_error", s.lastError());
        hub.publishThrottled("source", s.name(), () -> e, THROTTLE_MS);
    }

    @Override
    public void mapPlan(MapPlan plan) {
        terminal.mapPlan(plan);
        mapping = true;
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("current_A", FiniteNumbers.of(plan.x()));
        e.put("y", FiniteNumbers.of(plan.y()));
        e.put("y_name", plan.yName());
        e.put("y_unit", plan.yUnit());
        hub.publish("map", "", e);
    }

    @Override
    public void mapPoint(MapPoint p) {
        terminal.mapPoint(p);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ix", p.ix());
        e.put("iy", p.iy());
        e.put("peak_Hz", finite(p.peakHz()));
        e.put("power_W", finite(p.powerW()));
        e.put("linewidth_Hz", finite(p.linewidthHz()));
        hub.publish("mappoint", null, e);
    }

    @Override
    public void field(FieldPanel f) {
        terminal.field(f);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("magnet", f.magnet());
        e.put("set_T", finite(f.setT()));
        e.put("measured_T", finite(f.measuredT()));
        e.put("magnet_current_A", finite(f.magnetCurrentA()));
        e.put("magnet_output_on", f.magnetOutputOn());
        hub.publishThrottled("field", f.magnet(), () -> e, THROTTLE_MS);
    }

    @Override
    public void stoppable(Runnable requestStop) {
        terminal.stoppable(requestStop);
        stop.connect(requestStop);
    }

    private static Double finite(double v) {
        return FiniteNumbers.of(v);
    }
}
