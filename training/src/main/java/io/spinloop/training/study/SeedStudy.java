package io.spinloop.training.study;

import io.spinloop.training.run.EpochMetrics;
import io.spinloop.training.run.RunDirectory;
import io.spinloop.training.run.TrainingConfig;
import io.spinloop.training.loop.TrainingDivergedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Trains every (variant, seed) pair of a study, {@code parallel} runs at a time, each in its own run directory
 * {@code DIR/runs/<variant>/seed-<n>} so that an interrupted study resumes where it stopped. Variants are
 * configs differing in one setting (Δt, density, model); seeds are 0..n-1 as in the seed paper's "10 random
 * initialisations".
 */
public final class SeedStudy {
    private final Path dir;
    private final int parallel;

    public SeedStudy(Path dir, int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        }
        this.dir = dir;
        this.parallel = parallel;
    }

    /** Runs all variants x seeds; returns the runs in (variant, seed) order. */
    public List<SeedRun> run(Map<String, TrainingConfig> variants, int seeds, Consumer<SeedRun> onRun) {
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "spinloop-study");
            t.setDaemon(true);
            return t;
        });
        List<Future<SeedRun>> futures = new ArrayList<>();
        for (Map.Entry<String, TrainingConfig> v : variants.entrySet()) {
            for (int s = 0; s < seeds; s++) {
                TrainingConfig c = v.getValue().withSeed(s);
                String label = v.getKey();
                futures.add(pool.submit(() -> {
                    SeedRun r = one(label, c);
                    synchronized (this) {
                        onRun.accept(r);
                    }
                    return r;
                }));
            }
        }
        List<SeedRun> out = new ArrayList<>();
        try {
            for (Future<SeedRun> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("study interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a study run failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private SeedRun one(String variant, TrainingConfig c) {
        Path runDir = dir.resolve("runs").resolve(variant.replaceAll("[^A-Za-z0-9_.=-]", "_")).resolve("seed-" + c.seed());
        try {
            RunDirectory.Result r = new RunDirectory(runDir).train(c, m -> { });
            double best = r.history().stream().mapToDouble(EpochMetrics::testAccuracy).max().orElse(Double.NaN);
            double[] secs = r.history().stream().mapToDouble(EpochMetrics::seconds).sorted().toArray();
            return new SeedRun(variant, c, r.reportedTestAccuracy(), r.finalTestAccuracy(), best, secs.length == 0 ? Double.NaN : secs[secs.length / 2],
                    "finished");
        } catch (TrainingDivergedException e) {
            // A diverged run counts as chance-level accuracy, as it would in a paper's median.
            return new SeedRun(variant, c, 0.1, 0.1, 0.1, Double.NaN, "diverged: " + e.where());
        }
    }

    /** Median and quartiles of the reported test accuracy per variant, in variant order. */
    public static Map<String, Quartiles> summarize(List<SeedRun> runs) {
        Map<String, List<Double>> by = new LinkedHashMap<>();
        for (SeedRun r : runs) {
            by.computeIfAbsent(r.variant(), k -> new ArrayList<>()).add(r.reportedTestAccuracy());
        }
        Map<String, Quartiles> out = new LinkedHashMap<>();
        by.forEach((k, v) -> out.put(k, Quartiles.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
        return out;
    }


    @Override
    public String toString() {
        return "SeedStudy[" + dir + ", parallel " + parallel + "]";
    }
}
