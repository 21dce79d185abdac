package io.spinloop.lab.sweep;

import io.spinloop.lab.RunOutcome;
import io.spinloop.lab.RunProgress;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.bench.RunGuard;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.config.SweepPreset;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import io.spinloop.measurements.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adaptive against uniform sweeps, on an emulated bench: for each emulator seed, the emulated device's own threshold
 * current (drawn by the emulator around the lab-config's, with its spread) is the reference; uniform and refined
 * ({@link RefinePlanner}) sweeps of growing point budgets each give a p(I) threshold ({@link PowerCurveFit}). The points a method needs is the smallest budget from which on every budget
 * tried locates I_th within the tolerance of the reference (so a lucky hit at one budget does not count).
 */
public final class RefineBenchmark {
    private static final Pattern EMULATOR_SEED = Pattern.compile("(?m)^(emulator:\\s*\\n(?:[ \\t]+#.*\\n)*[ \\t]+seed:[ \\t]*)(-?\\d+)");

    private RefineBenchmark() {
    }

    /**
     * What to compare.
     *
     * @param budgets          point budgets tried, ascending
     * @param seeds            emulator seeds (each draws other devices and noise)
     * @param relTolerance     |I_th - reference| / reference that counts as located
     * @param minStepA         the closest two points of a refined sweep may be
     */
    public record Settings(int[] budgets, long[] seeds, double relTolerance, double minStepA) {
    }

    /**
     * One seed.
     *
     * @param uniformNeeded points the uniform sweep needs, -1 when no budget tried suffices
     * @param refineNeeded  points the refined sweep needs, -1 when no budget tried suffices
     * @param uniformA      I_th of the uniform sweep at each budget (NaN where not determined)
     * @param refineA       I_th of the refined sweep at each budget
     */
    public record SeedResult(long seed, double referenceA, int uniformNeeded, int refineNeeded, double[] uniformA,
                             double[] refineA) {
    }

    public static List<SeedResult> run(LoadedLabConfig cfg, Settings s, RunProgress progress) throws IOException {
        if (!cfg.config().emulated()) {
            throw cfg.error("emulator", "the refine benchmark runs against an emulated bench; this config is a real one");
        }
        Path dir = Files.createTempDirectory("spinloop-refine-bench");
        List<SeedResult> out = new ArrayList<>();
        try {
            for (long seed : s.seeds()) {
                out.add(seed(withSeed(cfg, seed), seed, s, dir, progress));
            }
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
        return out;
    }

    /** The lab-config with another emulator seed. */
    static LoadedLabConfig withSeed(LoadedLabConfig cfg, long seed) {
        Matcher m = EMULATOR_SEED.matcher(cfg.text());
        if (!m.find()) {
            throw cfg.error("emulator.seed", "the refine benchmark varies emulator.seed; give it in the lab-config");
        }
        String text = cfg.text().substring(0, m.start(2)) + seed + cfg.text().substring(m.end(2));
        return LabConfigLoader.parse(cfg.file(), text);
    }

    private static SeedResult seed(LoadedLabConfig cfg, long seed, Settings s, Path dir, RunProgress progress)
            throws IOException {
        SweepPreset preset = cfg.config().presets().sweep();
        double from = preset.fromA();
        double to = preset.toA();
        double minStep = s.minStepA();
        String device = cfg.config().devices().get(0).id();
        try (Bench bench = Bench.of(cfg); DeviceRig rig = bench.openDevice(device)) {
            SweepRunner runner = new SweepRunner(rig, preset.analyzer(), preset.settleS());
            double reference = bench.emulator().device(device).thresholdCurrent();
            int b = s.budgets().length;
            double[] uniform = new double[b];
            double[] refine = new double[b];
            for (int k = 0; k < b; k++) {
                int n = s.budgets()[k];
                uniform[k] = threshold(runner, dir, null, SweepRunner.currents(from, to, (to - from) / (n - 1)));
                refine[k] = threshold(runner, dir, new RefinePlanner(from, to, n, minStep), null);
                progress.message(String.format(java.util.Locale.ROOT, "seed %d, %d points: I_th uniform %.4g mA, "
                        + "refined %.4g mA (reference %.4g mA)", seed, n, uniform[k] * 1e3, refine[k] * 1e3,
                        reference * 1e3));
            }
            return new SeedResult(seed, reference, needed(s, uniform, reference), needed(s, refine, reference),
                    uniform, refine);
        }
    }

    /** The smallest budget from which on every budget locates the threshold within the tolerance; -1 if none. */
    static int needed(Settings s, double[] thresholdA, double referenceA) {
        int from = -1;
        for (int k = thresholdA.length - 1; k >= 0; k--) {
            if (Math.abs(thresholdA[k] - referenceA) <= s.relTolerance() * referenceA) { // NaN fails
                from = k;
            } else {
                break;
            }
        }
        return from < 0 ? -1 : s.budgets()[from];
    }

    /** One sweep (uniform over {@code currents}, or refined by {@code planner}) into a scratch file; its p(I) I_th. */
    private static double threshold(SweepRunner runner, Path dir, RefinePlanner planner, double[] currents)
            throws IOException {
        Path out = dir.resolve("sweep.h5");
        Files.deleteIfExists(out);
        RunOutcome o;
        try (MeasurementRecorder rec = MeasurementRecorder.create(out, Provenance.builder("benchmark").build(),
                OverwritePolicy.REFUSE)) {
            SweepRunner.Target target = (freq, settings) -> rec.beginSweep("dut", freq, settings);
            o = planner != null ? runner.runRefined(planner, target, RunProgress.silent(), RunGuard.detached())
                    : runner.run(currents, target, RunProgress.silent(), RunGuard.detached());
        }
        if (o.failure() != null) {
            throw new IllegalStateException("benchmark sweep failed: " + o.failure().getMessage(), o.failure());
        }
        Sweep sw = MeasurementFile.open(out).sweeps().get(0);
        PowerCurveFit.Outcome fit = PowerCurveFit.attempt(sw.currentA(), sw.powerW());
        return fit.determined() ? fit.fit().thresholdA() : Double.NaN;
    }
}
