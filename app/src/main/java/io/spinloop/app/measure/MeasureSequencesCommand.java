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
import io.spinloop.lab.config.SequencePreset;
import io.spinloop.lab.sequence.SequenceMeasurement;
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

    @Mixin
    LiveOptions live;

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
        var plan = new SequenceMeasurement.Plan(cfg, device, s, r, t, sequenceSeed, lengthFrom(cfg, t));
        SequenceMeasurement.Result result;
        try (LiveView view = live.start("sequences " + device.id())) {
            try (ProgressBar bar = common.quiet ? ProgressBar.silent((long) s * r)
                    : ProgressBar.onStderr("sequences " + device.id(), (long) s * r)) {
                result = SequenceMeasurement.run(plan, common.recording(spec), view.watch(bar));
            }
            RunOutcome outcome = result.outcome();
            Map<String, Object> facts = MeasureReport.base("sequences", device.id(), common.out, outcome);
            facts.put("sequences", s);
            facts.put("repeats", r);
            facts.put("length", t);
            facts.put("center_Hz", result.centerHz());
            facts.put("point_period_s", result.pointPeriodS());
            return view.ended(MeasureReport.finish(facts, outcome, common.json, "repeats", String.format(Locale.ROOT,
                    "zero span at %.4f GHz, RBW %.3g MHz; list points of %.3g ms (dwell %.3g ms plus measurement, "
                    + "measured on the bench)", result.centerHz() / 1e9, preset.rbwHz() / 1e6,
                    result.pointPeriodS() * 1e3, preset.dwellS() * 1e3)));
        }
    }

    /** What set the sequences' length, for a refusal: the option as given, or the preset and its file. */
    private String lengthFrom(LoadedLabConfig cfg, int t) {
        return length != null ? OptionChecks.given("--length", length) : "presets.sequences.length " + t + " ("
                + cfg.file() + ")";
    }

    /**
     * Refuses, before anything is touched, a length the device's source list cannot hold and a run beyond the
     * budgets of {@link Limits} (instrument time, memory), with the estimate.
     */
    private void checkSize(LoadedLabConfig cfg, DeviceConfig device, SequencePreset preset, int s, int r, int t) {
        String cannot = Limits.sequenceLength(t, cfg.config(), device);
        if (cannot != null) {
            OptionChecks.budget(lengthFrom(cfg, t) + ":", cannot);
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
}
