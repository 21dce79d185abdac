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

    @Mixin
    CurrentRangeOptions range;

    @Option(names = "--points", paramLabel = "N", description = "spectrum points (default: presets.sweep.analyzer.points)")
    Integer points;

    @Mixin
    ResumeOption resume;

    @Option(names = "--refine", paramLabel = "N", description = {"adaptive: spend N points between --from and --to "
            + "where the curve bends or is steep (the threshold, where f(I) changes fastest) instead of every --step; "
            + "--step is then the closest two points may be"})
    Integer refine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedLabConfig cfg = LabConfigLoader.load(common.config);
        DeviceConfig device = common.device == null ? cfg.config().devices().get(0) : cfg.device(common.device);
        SweepPreset preset = cfg.config().presets().sweep();
        CurrentRangeOptions.Range currentRange = range.resolve(preset);
        SpectrumSettings spectrum = points != null ? preset.analyzer().withPoints(points) : preset.analyzer();
        checkOptions(cfg, device, preset, currentRange, spectrum);
        double[] currents = currentRange.currents();
        SweepMeasurement.Result result;
        int planned = refine != null ? refine : currents.length;
        try (LiveView view = live.start("sweep " + device.id())) {
            try (ProgressBar bar = common.quiet ? ProgressBar.silent(planned)
                    : ProgressBar.onStderr("sweep " + device.id(), planned)) {
                result = SweepMeasurement.run(new SweepMeasurement.Plan(cfg, device, currents, spectrum,
                        preset.settleS(), refine == null ? 0 : refine), common.recording(spec, resume.resume),
                        view.watch(bar));
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
    private void checkOptions(LoadedLabConfig cfg, DeviceConfig device, SweepPreset preset,
                              CurrentRangeOptions.Range currentRange, SpectrumSettings spectrum) {
        String file = " (" + cfg.file() + ")";
        currentRange.check(cfg, device);
        if (refine != null) {
            OptionChecks.between("--refine", refine, 2, (int) Math.min(Limits.MAX_SWEEP_POINTS,
                    Math.max(2, currentRange.points())));
        }
        if (points != null) {
            String cannot = Limits.tracePoints(points, cfg.config(), device);
            if (cannot != null) {
                OptionChecks.budget(OptionChecks.given("--points", points) + ":", cannot);
            }
        }
        Limits.SweepPlan plan = Limits.sweepPlan(currentRange.fromA(), currentRange.toA(), currentRange.stepA(),
                preset.settleS(), spectrum, device.limits());
        String given = range.given();
        String sizedBy = !given.isEmpty() ? given : "presets.sweep" + file;
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
