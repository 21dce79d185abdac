package io.spinloop.app.measure;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.ProgressBar;
import io.spinloop.app.live.LiveOptions;
import io.spinloop.app.live.LiveView;
import io.spinloop.lab.RunOutcome;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.Limits;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.config.SpectrumSettings;
import io.spinloop.lab.config.SweepPreset;
import io.spinloop.lab.sweep.PowerCurveFit;
import io.spinloop.lab.sweep.SweepMeasurement;
import io.spinloop.lab.sweep.SweepRunner;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spinloop measure sweep}: spectra versus drive current, with the line fitted at each current. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Sweep the drive current of one device; at each current ramp, settle, take a single sweep of "
                + "the spectrum and fit the line (peak frequency, integrated power, linewidth).",
                "Currents and analyzer settings come from presets.sweep of the lab-config unless given here."})
public final class MeasureSweepCommand implements Callable<Integer> {
    @Mixin
    MeasureOptions common;

    @Mixin
    LiveOptions live;

    @Option(names = "--from", paramLabel = "A", description = "first current, A (default: presets.sweep.from_A)")
    Double from;

    @Option(names = "--to", paramLabel = "A", description = "last current, A (default: presets.sweep.to_A)")
    Double to;

    @Option(names = "--step", paramLabel = "A", description = "current step, A (default: presets.sweep.step_A)")
    Double step;

    @Option(names = "--points", paramLabel = "N", description = "spectrum points (default: presets.sweep.analyzer.points)")
    Integer points;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedLabConfig cfg = LabConfigLoader.load(common.config);
        DeviceConfig device = common.device == null ? cfg.config().devices().get(0) : cfg.device(common.device);
        SweepPreset preset = cfg.config().presets().sweep();
        double a = from != null ? from : preset.fromA();
        double b = to != null ? to : preset.toA();
        double s = step != null ? step : preset.stepA();
        SpectrumSettings spectrum = points != null ? preset.analyzer().withPoints(points) : preset.analyzer();
        checkOptions(cfg, device, preset, a, b, s, spectrum);
        double[] currents = SweepRunner.currents(a, b, s);
        SweepMeasurement.Result result;
        try (LiveView view = live.start("sweep " + device.id())) {
            try (ProgressBar bar = common.quiet ? ProgressBar.silent(currents.length)
                    : ProgressBar.onStderr("sweep " + device.id(), currents.length)) {
                result = SweepMeasurement.run(new SweepMeasurement.Plan(cfg, device, currents, spectrum,
                        preset.settleS()), common.recording(spec), view.watch(bar));
            }
            RunOutcome outcome = result.outcome();
            Map<String, Object> facts = MeasureReport.base("sweep", device.id(), common.out, outcome);
            String line = result.fit() == null ? null : fitLine(result.fit(), facts);
            return view.ended(MeasureReport.finish(facts, outcome, common.json, "points", line));
        }
    }

    /**
     * Refuses, before anything is touched, currents the device may not take, a step or trace length the
     * instruments cannot do, and a sweep beyond the budgets of {@link Limits} (points, instrument time, memory),
     * with the estimate.
     */
    private void checkOptions(LoadedLabConfig cfg, DeviceConfig device, SweepPreset preset, double a, double b,
                              double s, SpectrumSettings spectrum) {
        String file = " (" + cfg.file() + ")";
        for (var opt : List.of(Map.entry("--from", a), Map.entry("--to", b))) {
            String beyond = Limits.current(opt.getValue(), device);
            if (beyond != null) {
                OptionChecks.budget(opt.getKey(), beyond + file);
            }
        }
        OptionChecks.check("--step", s, Limits.positive(s));
        if (points != null) {
            String cannot = Limits.tracePoints(points, cfg.config(), device);
            if (cannot != null) {
                OptionChecks.budget(OptionChecks.given("--points", points) + ":", cannot);
            }
        }
        Limits.SweepPlan plan = Limits.sweepPlan(a, b, s, preset.settleS(), spectrum, device.limits());
        StringBuilder what = new StringBuilder();
        if (from != null) {
            what.append(OptionChecks.given("--from", from)).append(" A ");
        }
        if (to != null) {
            what.append(OptionChecks.given("--to", to)).append(" A ");
        }
        if (step != null) {
            what.append(OptionChecks.given("--step", step)).append(" A ");
        }
        String sizedBy = what.length() > 0 ? what.toString().trim() : "presets.sweep" + file;
        OptionChecks.budget(sizedBy, plan.problem());
        OptionChecks.memory((points != null ? OptionChecks.given("--points", points) + " " : "") + "(" 
                + Limits.count(plan.points()) + " spectra of " + Limits.count(spectrum.points()) + " points)",
                plan.bytes());
    }

    /** Puts the p(I) fit into {@code facts} and says it in one line; no numbers where the data do not determine them. */
    private static String fitLine(PowerCurveFit.Outcome fit, Map<String, Object> facts) {
        if (fit.determined()) {
            facts.put("threshold_A", fit.fit().thresholdA());
            facts.put("Q", fit.fit().q());
            facts.put("fit_determined", true);
            return String.format(Locale.ROOT, "p(I) fit: threshold %.4g mA, Q %.3g (P = A I^2 (I/Ith-1)/(I/Ith+Q))",
                    fit.fit().thresholdA() * 1e3, fit.fit().q());
        }
        // null in JSON, said in words in the text
        facts.put("threshold_A", null);
        facts.put("Q", null);
        facts.put("fit_determined", false);
        facts.put("fit_note", "not determined (" + fit.notDetermined() + ")");
        return "p(I) fit: threshold not determined (" + fit.notDetermined() + ")";
    }
}
