package io.spinloop.app.measure;

import io.spinloop.app.bench.RunGuard;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.ProgressBar;
import io.spinloop.app.cli.RefusedInputException;
import io.spinloop.app.config.DeviceConfig;
import io.spinloop.app.config.LabConfigLoader;
import io.spinloop.app.config.Limits;
import io.spinloop.app.config.LoadedLabConfig;
import io.spinloop.app.config.ModelCapabilities;
import io.spinloop.app.config.SequencePreset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spinloop measure sequences}: drive sequences and the power they produce, repeated. */
@Command(name = "sequences", mixinStandardHelpOptions = true,
        description = {"Record drive-current sequences (random levels and steps) and the power the device emits, "
                + "R repeats of each, for a digital twin to learn from.",
                "Each sequence is a source list sweep whose trigger pulses start the analyzer's zero-span sweep; "
                + "the analyzer is centred on the line at the middle drive, with the widest RBW."})
public final class MeasureSequencesCommand implements Callable<Integer> {
    @Mixin
    MeasureOptions common;

    @Option(names = "--sequences", paramLabel = "S", description = "number of sequences (default: presets.sequences.count)")
    Integer sequences;

    @Option(names = "--repeats", paramLabel = "R", description = "repeats of each (default: presets.sequences.repeats)")
    Integer repeats;

    @Option(names = "--length", paramLabel = "T", description = "currents per sequence (default: presets.sequences.length)")
    Integer length;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the random sequences (default: presets.sequences.seed)")
    Long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedLabConfig cfg = LabConfigLoader.load(common.config);
        DeviceConfig device = common.device == null ? cfg.config().devices().get(0) : cfg.device(common.device);
        SequencePreset preset = cfg.config().presets().sequences();
        int s = OptionChecks.atLeast("--sequences", sequences != null ? sequences : preset.count(), 1);
        int r = OptionChecks.atLeast("--repeats", repeats != null ? repeats : preset.repeats(), 1);
        int t = length != null ? length : preset.length();
        checkSize(cfg, device, preset, s, r, t);
        long sequenceSeed = seed != null ? seed : preset.seed();
        double maxStep = Math.min(device.limits().rampStepA(), device.limits().rampRateAPerS() * preset.dwellS());
        DriveSequences generator = new DriveSequences(preset.minA(), preset.maxA(), maxStep);
        double[][] drives = generator.generate(s, t, sequenceSeed);
        MeasurementSession.checkOutput(common.out, common.overwrite);

        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("generator", "even sequences: random levels held 2..T/8 dwells; odd: steps from a base level; "
                + "at most max_step_A between points, start and end at bias_A");
        extra.put("seed", sequenceSeed);
        extra.put("min_A", preset.minA());
        extra.put("max_A", preset.maxA());
        extra.put("max_step_A", maxStep);
        RunOutcome outcome;
        double center;
        double pointPeriod = Double.NaN;
        RunGuard guard = RunGuard.install();
        try {
            try (MeasurementSession session = MeasurementSession.open(cfg, device, guard);
                 ProgressBar bar = common.quiet ? ProgressBar.silent((long) s * r)
                         : ProgressBar.onStderr("sequences " + device.id(), (long) s * r)) {
                ModelCapabilities sourceModel = ModelCapabilities.fromIdn(session.rig.source().identity().raw())
                        .orElse(null);
                if (sourceModel != null && t > sourceModel.maxListPoints()) {
                    // model: auto was checked against the most permissive source; this is the one that answered.
                    throw new RefusedInputException("--length " + t + " does not fit the source list of "
                            + session.rig.source().identity().raw() + " (at most " + sourceModel.maxListPoints()
                            + " points)");
                }
                SequenceRunner runner = new SequenceRunner(session.rig, preset.dwellS(), preset.rbwHz(),
                        preset.refLevelDbm()).instrumentLimitsLifted(session.instrumentLimitsLifted());
                center = preset.centerHz() != null ? preset.centerHz()
                        : runner.findLine(generator.midA(), cfg.config().presets().sweep().analyzer());
                // The time base first: a period the source's settings cannot produce stops the run with no file.
                double period = runner.measurePointPeriod(center, generator.midA(), maxStep);
                var recorder = session.record(common.out, common.overwrite, Map.of("sequences", sequenceSeed),
                        commandLine());
                outcome = runner.run(drives, r, center, generator.midA(), period, extra, recorder, bar, guard);
                pointPeriod = period;
            }
        } finally {
            guard.close();
        }
        Map<String, Object> facts = MeasureReport.base("sequences", device.id(), common.out, outcome);
        facts.put("sequences", s);
        facts.put("repeats", r);
        facts.put("length", t);
        facts.put("center_Hz", center);
        facts.put("point_period_s", pointPeriod);
        return MeasureReport.finish(facts, outcome, common.json, "repeats",
                String.format(Locale.ROOT, "zero span at %.4f GHz, RBW %.3g MHz; list points of %.3g ms (dwell %.3g ms "
                        + "plus measurement, measured on the bench)", center / 1e9, preset.rbwHz() / 1e6, pointPeriod * 1e3,
                        preset.dwellS() * 1e3));
    }

    /**
     * Refuses, before anything is touched, a length the device's source list cannot hold and a run beyond the
     * budgets of {@link Limits} (instrument time, memory), with the estimate.
     */
    private void checkSize(LoadedLabConfig cfg, DeviceConfig device, SequencePreset preset, int s, int r, int t) {
        String cannot = Limits.sequenceLength(t, cfg.config(), device);
        if (cannot != null) {
            OptionChecks.budget((length != null ? OptionChecks.given("--length", length) : "presets.sequences.length "
                    + t + " (" + cfg.file() + ")") + ":", cannot);
        }
        StringBuilder what = new StringBuilder();
        if (sequences != null) {
            what.append(OptionChecks.given("--sequences", sequences)).append(' ');
        }
        if (repeats != null) {
            what.append(OptionChecks.given("--repeats", repeats)).append(' ');
        }
        if (length != null) {
            what.append(OptionChecks.given("--length", length)).append(' ');
        }
        String sizedBy = what.length() > 0 ? what.toString().trim() : "presets.sequences (" + cfg.file() + ")";
        Limits.SequencePlan plan = new Limits.SequencePlan(s, r, t, preset.dwellS());
        OptionChecks.memory(sizedBy, plan.bytes());
        OptionChecks.budget(sizedBy + ":", plan.problem());
    }

    private String commandLine() {
        // The root's parse result holds every argument as typed.
        return "spinloop " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
    }
}
