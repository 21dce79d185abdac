package io.spinloop.training.study;

import io.spinloop.training.data.DigitsDataset;
import io.spinloop.training.engine.LocalEngine;
import io.spinloop.training.engine.ResultsFile;
import io.spinloop.training.engine.StudyEngine;
import io.spinloop.training.run.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains every (variant, seed) pair of a study on a {@link StudyEngine}, {@code parallel} runs at a time on the
 * local engine. The driver writes each finished run into {@code DIR/runs.csv} as it arrives; started again, the
 * study skips the runs already there. On the local engine each run also keeps its directory
 * {@code DIR/runs/<variant>/seed-<n>} (weights, metrics), so a run cut off mid-way resumes after its last epoch;
 * a cluster's tasks train in temporary directories unless asked to keep them. Variants are configs differing in one
 * setting (Δt, density, model); seeds are 0..n-1 as in the seed paper's "10 random initialisations".
 */
public final class SeedStudy {
    private final Path dir;
    private final int parallel;
    private final StudyEngine engine;
    private final boolean keepRunDirs;
    private final String weightsDir;

    public SeedStudy(Path dir, int parallel) {
        this(dir, parallel, new LocalEngine(), true);
    }

    /** A study on {@code engine}; {@code keepRunDirs}: each run trains in {@code DIR/runs/...} (a shared disk on a cluster). */
    public SeedStudy(Path dir, int parallel, StudyEngine engine, boolean keepRunDirs) {
        this(dir, parallel, engine, keepRunDirs, null);
    }

    /**
     * As above; with {@code weightsDir} (a directory every worker sees, or null for none) each finished run's weights
     * go to {@code weightsDir/<variant>/seed-<n>.h5}.
     */
    public SeedStudy(Path dir, int parallel, StudyEngine engine, boolean keepRunDirs, String weightsDir) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        }
        this.dir = dir;
        this.parallel = parallel;
        this.engine = engine;
        this.keepRunDirs = keepRunDirs;
        this.weightsDir = weightsDir;
    }

    /** A variant's name as a file name. */
    static String safe(String variant) {
        return variant.replaceAll("[^A-Za-z0-9_.=-]", "_");
    }

    /** How many of the study's runs are in runs.csv already (they will be read back, not trained). */
    public int done(Map<String, TrainingConfig> variants, int seeds) {
        ResultsFile file = SeedRunsFile.open(dir);
        int n = 0;
        for (String v : variants.keySet()) {
            for (int s = 0; s < seeds; s++) {
                n += file.has(SeedRunsFile.key(v, s)) ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * Runs all variants x seeds not yet in runs.csv; {@code onRun} sees each new run as it finishes. Returns every
     * run of the study in (variant, seed) order.
     */
    public List<SeedRun> run(Map<String, TrainingConfig> variants, int seeds, Consumer<SeedRun> onRun) {
        ResultsFile file = SeedRunsFile.open(dir);
        Map<String, SeedRun> byKey = new LinkedHashMap<>();
        List<SeedTask> todo = new ArrayList<>();
        for (Map.Entry<String, TrainingConfig> v : variants.entrySet()) {
            for (int s = 0; s < seeds; s++) {
                TrainingConfig c = v.getValue().withSeed(s);
                String key = SeedRunsFile.key(v.getKey(), s);
                byKey.put(key, null);
                if (file.has(key)) {
                    byKey.put(key, SeedRunsFile.parse(file.path(), file.row(key), v.getKey(), c));
                } else {
                    String runDir = keepRunDirs ? dir.resolve("runs").resolve(safe(v.getKey()))
                            .resolve("seed-" + s).toAbsolutePath().toString() : null;
                    todo.add(new SeedTask(key, v.getKey(), c, runDir, weightsDir));
                }
            }
        }
        engine.run(DigitsDataset.load(), todo, parallel, (key, r) -> {
            if (byKey.get(key) != null) {
                return; // delivered twice: the first one counts
            }
            byKey.put(key, r);
            file.add(key, SeedRunsFile.row(key, r));
            onRun.accept(r);
        });
        return List.copyOf(byKey.values());
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
        return "SeedStudy[" + dir + ", parallel " + parallel + ", " + engine.name() + " engine]";
    }
}
