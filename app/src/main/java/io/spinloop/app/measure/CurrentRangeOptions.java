package io.spinloop.app.measure;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.Limits;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.config.SweepPreset;
import io.spinloop.lab.sweep.SweepRunner;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --from/--to/--step}: the currents of a sweep, or of each row of a map, each defaulting to presets.sweep. */
final class CurrentRangeOptions {
    @Option(names = "--from", paramLabel = "A", description = "first current, A (default: presets.sweep.from_A)")
    Double from;

    @Option(names = "--to", paramLabel = "A", description = "last current, A (default: presets.sweep.to_A)")
    Double to;

    @Option(names = "--step", paramLabel = "A", description = "current step, A (default: presets.sweep.step_A)")
    Double step;

    /** The range asked for, the preset's values where an option is not given. */
    Range resolve(SweepPreset preset) {
        return new Range(from != null ? from : preset.fromA(), to != null ? to : preset.toA(),
                step != null ? step : preset.stepA());
    }

    /** The options given, in words ("--from 0.001 A --to ..."), or empty when all come from the preset. */
    String given() {
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
        return what.toString().trim();
    }

    /** A resolved current range, amperes. */
    record Range(double fromA, double toA, double stepA) {
        /** Refuses, before anything is touched, ends the device may not take and a step that is not positive. */
        void check(LoadedLabConfig cfg, DeviceConfig device) {
            for (var opt : List.of(Map.entry("--from", fromA), Map.entry("--to", toA))) {
                String beyond = Limits.current(opt.getValue(), device);
                if (beyond != null) {
                    OptionChecks.budget(opt.getKey(), beyond + " (" + cfg.file() + ")");
                }
            }
            OptionChecks.check("--step", stepA, Limits.positive(stepA));
        }

        double[] currents() {
            return SweepRunner.currents(fromA, toA, stepA);
        }

        long points() {
            return Limits.sweepPoints(fromA, toA, stepA);
        }
    }
}
