package io.spinloop.app.benchmark;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.ProgressBar;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.sweep.RefineBenchmark;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spinloop benchmark refine}: points an adaptive sweep and a uniform one need to locate I_th. */
@Command(name = "refine", mixinStandardHelpOptions = true,
        description = {"Adaptive (--refine) against uniform current sweeps on the emulated bench: for each emulator "
                + "seed, the points each needs to locate I_th within --tolerance of the emulated device's own, at every "
                + "budget from there on; medians over the seeds."})
public final class RefineBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "YAML", defaultValue = "lab-configs/emulated-bench.yaml",
            description = "an emulated lab-config (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--seeds", defaultValue = "5", description = "emulator seeds 1..N (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--budgets", split = ",", defaultValue = "6,8,10,12,16,20,24,32,48,64",
            description = "point budgets tried, ascending (default: ${DEFAULT-VALUE})")
    int[] budgets;

    @Option(names = "--tolerance", defaultValue = "0.02",
            description = "relative error of I_th that counts as located (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--min-step", paramLabel = "A", defaultValue = "1e-5",
            description = "the closest two points of a refined sweep may be, A (default: ${DEFAULT-VALUE})")
    double minStep;

    @Option(names = "--json", description = "print the figures as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LoadedLabConfig cfg = LabConfigLoader.load(config);
        OptionChecks.between("--seeds", seeds, 1, 100);
        OptionChecks.between("--min-step", minStep, 1e-9, 1e-3);
        OptionChecks.between("--tolerance", tolerance, 1e-4, 0.5);
        for (int k = 0; k < budgets.length; k++) {
            OptionChecks.check("--budgets", budgets[k], budgets[k] < 5 || budgets[k] > 1000
                    || (k > 0 && budgets[k] <= budgets[k - 1]) ? "ascending budgets of 5..1000 points"
                    : null);
        }
        List<RefineBenchmark.SeedResult> results;
        try (ProgressBar bar = json ? ProgressBar.silent(seeds) : ProgressBar.onStderr("refine benchmark", seeds)) {
            results = RefineBenchmark.run(cfg, new RefineBenchmark.Settings(budgets,
                    LongStream.rangeClosed(1, seeds).toArray(), tolerance, minStep), bar);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tolerance", tolerance);
        m.put("reference", "the emulated device's own threshold current");
        m.put("min_step_A", minStep);
        m.put("budgets", budgets);
        m.put("seeds", results);
        m.put("median_uniform_points", median(results.stream().mapToInt(RefineBenchmark.SeedResult::uniformNeeded)));
        m.put("median_refine_points", median(results.stream().mapToInt(RefineBenchmark.SeedResult::refineNeeded)));
        if (json) {
            JsonOutput.print(System.out, m);
        } else {
            for (RefineBenchmark.SeedResult r : results) {
                System.out.printf(Locale.ROOT, "seed %d: emulated I_th %.4f mA; uniform needs %s points, refined %s%n",
                        r.seed(), r.referenceA() * 1e3, shown(r.uniformNeeded()), shown(r.refineNeeded()));
            }
            System.out.printf(Locale.ROOT, "median points to locate I_th within %.1f %%: uniform %s, refined %s%n",
                    tolerance * 100, shown((Integer) m.get("median_uniform_points")),
                    shown((Integer) m.get("median_refine_points")));
        }
        return 0;
    }

    /** Median of the points needed; a seed that never got there counts as more than any (-1 if it is the median). */
    private static int median(java.util.stream.IntStream needed) {
        int[] v = needed.map(n -> n < 0 ? Integer.MAX_VALUE : n).sorted().toArray();
        int mid = v[(v.length - 1) / 2];
        return mid == Integer.MAX_VALUE ? -1 : mid;
    }

    private static String shown(int n) {
        return n < 0 ? "more than the largest budget" : Integer.toString(n);
    }
}
