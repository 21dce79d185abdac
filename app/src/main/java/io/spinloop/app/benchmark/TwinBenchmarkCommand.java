package io.spinloop.app.benchmark;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.config.Limits;
import io.spinloop.twin.model.KernelPrecision;
import io.spinloop.twin.validate.ValidationReport;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
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

    @Option(names = "--precision", defaultValue = "float32", paramLabel = "P", converter = io.spinloop.app.cli.KernelPrecisionConverter.class,
            description = "arithmetic of the fit's likelihood kernel: float64 or float32 (default: ${DEFAULT-VALUE})")
    KernelPrecision precision;

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
        TwinBenchmark.Result r = new TwinBenchmark(sequences, repeats, length, dwell, trajectories, threads,
                driveHistory, precision).run(runs, compare);
        report(r);
        return 0;
    }

    private void report(TwinBenchmark.Result r) {
        double[] fitWall = r.fitWall();
        double[] sampleWall = r.sampleWall();
        ValidationReport det = r.deterministic();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("drive_history", driveHistory);
        out.put("precision", precision.configName());
        out.put("data", Map.of("sequences", sequences, "repeats", repeats, "steps", length, "dwell_s", dwell,
                "regime", r.regime()));
        out.put("fit_seconds_median", median(fitWall));
        out.put("fit_seconds", fitWall);
        out.put("fit_cpu_seconds_median", median(r.fitCpu()));
        out.put("epoch_seconds_median", median(r.epochWall()));
        out.put("epoch_seconds", r.epochWall());
        out.put("epoch_cpu_seconds_median", median(r.epochCpu()));
        out.put("sample_seconds_median", median(sampleWall));
        out.put("sample_seconds", sampleWall);
        out.put("trajectories", trajectories);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (json) {
            out.put("validation_last_fit", summary(r.last().validation()));
            if (det != null) {
                out.put("validation_deterministic", summary(det));
            }
            JsonOutput.print(System.out, out);
            return;
        }
        System.out.printf("neural-SDE twin%s%s, %d x %d x %d emulated sequences, %s%n",
                driveHistory > 0 ? " (drive history " + driveHistory + ")" : "",
                " (" + precision.configName() + " likelihood kernel)", sequences, repeats, length, r.regime());
        System.out.printf("fit:    median %.2f s wall (%.2f s CPU) over %d runs %s%n", median(fitWall), median(r.fitCpu()),
                runs, Arrays.toString(round(fitWall)));
        System.out.printf("epoch:  median %.3f s wall (%.3f s CPU) per epoch (training + held-out loss; epochs 2.. of each run) %s%n",
                median(r.epochWall()), median(r.epochCpu()), Arrays.toString(round3(r.epochWall())));
        System.out.printf("sample: median %.3f s for %d trajectories x %d steps %s%n", median(sampleWall), trajectories,
                length, Arrays.toString(round(sampleWall)));
        System.out.printf("machine: %d cores, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("\nneural SDE (last run), held-out sequences:");
        System.out.print(r.last().validation().table());
        if (det != null) {
            System.out.println("\ndeterministic twin (same drift, no diffusion), held-out sequences:");
            System.out.print(det.table());
        }
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

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static double[] round3(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 1000) / 1000.0;
        }
        return r;
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 100) / 100.0;
        }
        return r;
    }
}
