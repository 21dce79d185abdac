package io.spinloop.app.benchmark;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.Limits;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.config.SweepPreset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop benchmark measure}: points per second of a current sweep against the emulated bench,
 * through the real drivers over loopback and into the crash-safe store, exactly as {@code measure sweep}
 * runs (ramp, settle, single sweep, binary trace read, line fit, journaled point). Median of several runs.
 */
@Command(name = "measure", mixinStandardHelpOptions = true,
        description = {"Points per second of `measure sweep` against the emulated bench (1001-point spectra by "
                + "default): median, min and max of several runs, each into a fresh HDF5 file."})
public final class MeasureBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml",
            description = "an emulated lab-config (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--runs", defaultValue = "5", description = "runs (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "runs first, not counted (JIT warm-up; default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--points", defaultValue = "1001", description = "spectrum points (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--settle", paramLabel = "S", description = "settle time per point, s (default: presets.sweep.settle_s)")
    Double settle;

    @Option(names = "--json", description = "print the figures as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LoadedLabConfig cfg = LabConfigLoader.load(config);
        if (!cfg.config().emulated()) {
            throw cfg.error("emulator", "the measure benchmark runs against an emulated bench; this config is a real one");
        }
        DeviceConfig device = cfg.config().devices().get(0);
        SweepPreset preset = cfg.config().presets().sweep();
        OptionChecks.runs("--runs", runs);
        OptionChecks.between("--warmup", warmup, 0, Limits.MAX_RUNS);
        String cannot = Limits.tracePoints(points, cfg.config(), device);
        if (cannot != null) {
            OptionChecks.budget(OptionChecks.given("--points", points) + ":", cannot);
        }
        if (settle != null) {
            OptionChecks.nonNegative("--settle", settle);
        }
        double settleS = settle != null ? settle : preset.settleS();
        SweepBenchmark bench = new SweepBenchmark(cfg, points, settleS);
        int perRun = bench.currents().length;
        SweepBenchmark.Rates r = bench.run(warmup, runs, !json);
        double[] rates = r.sweep();
        double[] withFinalise = r.withStartAndFinalise();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", runs);
        m.put("warmup_runs", warmup);
        m.put("points_per_run", perRun);
        m.put("spectrum_points", points);
        m.put("settle_s", settleS);
        m.put("median_points_per_s", median(rates));
        m.put("min_points_per_s", Arrays.stream(rates).min().orElse(0));
        m.put("max_points_per_s", Arrays.stream(rates).max().orElse(0));
        m.put("median_points_per_s_with_startup_and_finalise", median(withFinalise));
        if (json) {
            JsonOutput.print(System.out, m);
        } else {
            System.out.printf(Locale.ROOT, "measure sweep, %d-point spectra, %d currents, settle %.3g s: median %.1f "
                    + "points/s (min %.1f, max %.1f over %d runs); %.1f points/s counting bench start and file "
                    + "finalisation%n", points, perRun, settleS, median(rates), m.get("min_points_per_s"),
                    m.get("max_points_per_s"), runs, median(withFinalise));
        }
        return 0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
