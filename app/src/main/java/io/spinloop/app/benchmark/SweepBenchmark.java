package io.spinloop.app.benchmark;

import io.spinloop.app.SpinloopVersion;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.bench.RunGuard;
import io.spinloop.app.cli.ProgressBar;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.config.SweepPreset;
import io.spinloop.lab.RunOutcome;
import io.spinloop.lab.sweep.SweepRunner;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The runs of {@code spinloop benchmark measure}: the current sweep of {@code measure sweep} on the first device of
 * an emulated bench, each run from bench start to a finalised HDF5 file in a temporary directory (removed
 * afterwards), the first {@code warmup} runs not counted.
 */
final class SweepBenchmark {
    /** Points per second of each counted run: of the sweep itself, and counting bench start and file finalisation. */
    record Rates(double[] sweep, double[] withStartAndFinalise) {
    }

    private final LoadedLabConfig cfg;
    private final DeviceConfig device;
    private final SweepPreset preset;
    private final int points;
    private final double settleS;

    SweepBenchmark(LoadedLabConfig cfg, int points, double settleS) {
        this.cfg = cfg;
        this.device = cfg.config().devices().get(0);
        this.preset = cfg.config().presets().sweep();
        this.points = points;
        this.settleS = settleS;
    }

    /** The currents of one sweep (the lab-config's sweep preset). */
    double[] currents() {
        return SweepRunner.currents(preset.fromA(), preset.toA(), preset.stepA());
    }

    /** {@code warmup} runs, then {@code runs} timed ones; with {@code progress}, a line per run on stderr. */
    Rates run(int warmup, int runs, boolean progress) throws IOException {
        double[] currents = currents();
        double[] rates = new double[runs];
        double[] withFinalise = new double[runs];
        Path dir = Files.createTempDirectory("spinloop-measure-bench");
        try {
            for (int k = -warmup; k < runs; k++) {
                Path out = dir.resolve("run" + (k + warmup) + ".h5");
                long t0 = System.nanoTime();
                RunOutcome o = once(out, currents);
                if (o.failure() != null) {
                    throw new IllegalStateException("benchmark run " + k + " failed: " + o.failure().getMessage(),
                            o.failure());
                }
                Files.deleteIfExists(out);
                if (k < 0) {
                    continue;
                }
                rates[k] = o.rate();
                withFinalise[k] = o.done() / ((System.nanoTime() - t0) * 1e-9);
                if (progress) {
                    System.err.printf(Locale.ROOT, "run %d: %.1f points/s (%.1f with bench start and file finalisation)%n",
                            k + 1, rates[k], withFinalise[k]);
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
        return new Rates(rates, withFinalise);
    }

    /** One sweep from bench start into {@code out}. */
    private RunOutcome once(Path out, double[] currents) throws IOException {
        try (Bench bench = Bench.of(cfg); DeviceRig rig = bench.openDevice(device.id())) {
            Provenance p = Provenance.builder(SpinloopVersion.current()).labConfig(cfg.text())
                    .metadata("benchmark", "measure").build();
            try (MeasurementRecorder rec = MeasurementRecorder.create(out, p, OverwritePolicy.REFUSE)) {
                return new SweepRunner(rig, preset.analyzer().withPoints(points), settleS)
                        .run(currents, rec, ProgressBar.silent(currents.length), RunGuard.detached());
            }
        }
    }
}
