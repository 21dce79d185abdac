package io.spinloop.app.benchmark;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.twin.EmulatedSequences;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.lab.config.Limits;
import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.TeacherSequences;
import io.spinloop.twin.fit.FitOptions;
import io.spinloop.twin.fit.FitResult;
import io.spinloop.twin.fit.NeuralSdeFit;
import io.spinloop.twin.fit.Objective;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import io.spinloop.twin.validate.ValidationReport;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinloop benchmark twin}: wall time to fit a neural-SDE twin on S x R x T emulated sequences (and
 * whether that twin reproduces the measured spread), and time to simulate N trajectories; medians of runs.
 */
@Command(name = "twin", mixinStandardHelpOptions = true,
        description = {"Time the digital twin: fit a neural SDE on S sequences x R repeats x T steps from the emulator's "
            + "physics (quasi-static, 1 ms per step, by default) and sample N trajectories; medians of --runs runs.",
            "With --compare, also fit the deterministic twin (same drift, no diffusion) and print both validation tables."})
public final class TwinBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--sequences", defaultValue = "200", description = "S (default: ${DEFAULT-VALUE})")
    int sequences;

    @Option(names = "--repeats", defaultValue = "10", description = "R (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--length", defaultValue = "200", description = "T (default: ${DEFAULT-VALUE})")
    int length;

    @Option(names = "--dwell", defaultValue = "1e-3", description = "seconds per step (default: ${DEFAULT-VALUE}; below 1 ms lifts the instruments' limits)")
    double dwell;

    @Option(names = "--trajectories", defaultValue = "10000", description = "trajectories to sample (default: ${DEFAULT-VALUE})")
    int trajectories;

    @Option(names = "--runs", defaultValue = "3", description = "timed runs (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--threads", defaultValue = "2", description = "fit threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--drive-history", defaultValue = "0", paramLabel = "H",
            description = "past drives the neural SDE's networks see (default: ${DEFAULT-VALUE}; see twin fit)")
    int driveHistory;

    @Option(names = "--compare", description = "also fit the deterministic twin and print both tables")
    boolean compare;

    @Option(names = "--json", description = "print the results as JSON")
    boolean json;

    @Override
    public Integer call() {
        OptionChecks.atLeast("--sequences", sequences, 1);
        OptionChecks.atLeast("--repeats", repeats, 1);
        OptionChecks.atLeast("--length", length, 2);
        OptionChecks.positive("--dwell", dwell);
        OptionChecks.samples("--trajectories", trajectories);
        OptionChecks.runs("--runs", runs);
        OptionChecks.threads("--threads", threads);
        OptionChecks.atLeast("--drive-history", driveHistory, 0);
        // The data as `twin emulate` holds it, and the sampled trajectories (drives and powers).
        OptionChecks.memory(OptionChecks.given("--sequences", sequences) + " " + OptionChecks.given("--repeats", repeats)
                + " " + OptionChecks.given("--length", length) + " " + OptionChecks.given("--trajectories", trajectories),
                Limits.saturatedSum(Limits.sequenceBytes(sequences, repeats, length),
                        Limits.saturatedProduct(trajectories, length, 8, 3)));
        DeviceParameters device = DeviceParameters.defaults();
        EmulatedSequences gen = new EmulatedSequences(device, 42, dwell, 0);
        SequenceData data = gen.play(sequences, repeats, length, 0.5e-3, 2.5e-3, 1);
        String regime = gen.physicallyMeasurable() ? "quasi-static (1 ms SourceMeter steps)" : "dynamic (limits lifted)";
        System.err.printf("data: %d x %d x %d from the emulator's physics, %s%n", sequences, repeats, length, regime);
        double[] fitWall = new double[runs];
        double[] fitCpu = new double[runs];
        double[] sampleWall = new double[runs];
        FitResult last = null;
        for (int r = 0; r < runs; r++) {
            FitOptions opt = FitOptions.defaults().withSeed(r + 1).withThreads(threads);
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            last = NeuralSdeFit.fit(data, NeuralSdeArchitecture.standard().withDriveHistory(driveHistory), opt, s -> { });
            fitWall[r] = last.seconds();
            fitCpu[r] = (processCpuNanos() - cpu0) * 1e-9;
            System.err.printf("run %d: fit %.2f s wall (%.2f s CPU incl. validation), %d epochs, %s%n", r + 1, fitWall[r],
                    fitCpu[r], last.heldOutLosses().size(), last.validation().passes(1.5) ? "passes 1.5x floor" : "FAILS 1.5x floor");
            DigitalTwin twin = last.twin();
            double[][] drives = TeacherSequences.randomDrives(trajectories, length, 0.5e-3, 2.5e-3, 3, 99 + r);
            long s0 = System.nanoTime();
            twin.sample(drives, 1, r, true);
            sampleWall[r] = (System.nanoTime() - s0) * 1e-9;
            System.err.printf("run %d: sample %d x %d steps in %.3f s%n", r + 1, trajectories, length, sampleWall[r]);
        }
        ValidationReport det = null;
        if (compare) {
            det = NeuralSdeFit.fit(data, NeuralSdeArchitecture.standard().withDriveHistory(driveHistory).withoutDiffusion(),
                    FitOptions.defaults().withSeed(1).withThreads(threads), s -> { }).validation();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("drive_history", driveHistory);
        out.put("data", Map.of("sequences", sequences, "repeats", repeats, "steps", length, "dwell_s", dwell,
                "regime", regime));
        out.put("fit_seconds_median", median(fitWall));
        out.put("fit_seconds", fitWall);
        out.put("fit_cpu_seconds_median", median(fitCpu));
        out.put("sample_seconds_median", median(sampleWall));
        out.put("sample_seconds", sampleWall);
        out.put("trajectories", trajectories);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (json) {
            out.put("validation_last_fit", summary(last.validation()));
            if (det != null) {
                out.put("validation_deterministic", summary(det));
            }
            JsonOutput.print(System.out, out);
        } else {
            System.out.printf("neural-SDE twin%s, %d x %d x %d emulated sequences, %s%n",
                    driveHistory > 0 ? " (drive history " + driveHistory + ")" : "", sequences, repeats, length, regime);
            System.out.printf("fit:    median %.2f s wall (%.2f s CPU) over %d runs %s%n", median(fitWall), median(fitCpu), runs,
                    Arrays.toString(round(fitWall)));
            System.out.printf("sample: median %.3f s for %d trajectories x %d steps %s%n", median(sampleWall), trajectories,
                    length, Arrays.toString(round(sampleWall)));
            System.out.printf("machine: %d cores, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.println("\nneural SDE (last run), held-out sequences:");
            System.out.print(last.validation().table());
            if (det != null) {
                System.out.println("\ndeterministic twin (same drift, no diffusion), held-out sequences:");
                System.out.print(det.table());
            }
        }
        return 0;
    }

    private static Map<String, Object> summary(ValidationReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean_ratio", r.meanRatio());
        m.put("spread_ratio", r.spreadRatio());
        m.put("autocorr_ratio", r.autocorrRatio());
        m.put("distance_ratio", r.distanceRatio());
        m.put("pooled_spread_twin", r.twin().spreadRatio());
        m.put("passes_1_5x_floor", r.passes(1.5));
        return m;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 100) / 100.0;
        }
        return r;
    }
}
