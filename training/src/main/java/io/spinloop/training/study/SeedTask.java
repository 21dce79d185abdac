package io.spinloop.training.study;

import io.spinloop.measurements.AtomicFile;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.engine.StudyTask;
import io.spinloop.training.loop.TrainingDivergedException;
import io.spinloop.training.run.EpochMetrics;
import io.spinloop.training.run.RunDirectory;
import io.spinloop.training.run.TrainingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One (variant, seed) run of a {@link SeedStudy} as an engine task: trained on the broadcast digits in
 * {@code runDir} (kept, and resumed from if the task is run again) or, when that is null, in a temporary
 * directory removed afterwards (a cluster's executors need not share the driver's disk). With {@code weightsDir} (a
 * directory every worker sees) a finished run's weights are copied to {@code weightsDir/<variant>/seed-<n>.h5},
 * installed whole; without it no weights leave the run directory.
 */
record SeedTask(String key, String variant, TrainingConfig config, String runDir, String weightsDir)
        implements StudyTask<SequenceDataset, SeedRun> {

    @Override
    public SeedRun run(SequenceDataset digits) {
        Path dir = null;
        try {
            dir = runDir != null ? Path.of(runDir) : Files.createTempDirectory("spinloop-run-");
            SeedRun run = train(new RunDirectory(dir), digits);
            if (weightsDir != null && run.status().equals("finished")) {
                Path from = dir.resolve(RunDirectory.WEIGHTS);
                Path to = Path.of(weightsDir).resolve(SeedStudy.safe(variant)).resolve("seed-" + config.seed() + ".h5");
                Files.createDirectories(to.getParent());
                AtomicFile.writeFile(to, tmp -> Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING));
            }
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a run directory for " + key, e);
        } finally {
            if (runDir == null && dir != null) {
                delete(dir);
            }
        }
    }

    private SeedRun train(RunDirectory rd, SequenceDataset digits) {
        try {
            RunDirectory.Result r = rd.train(config, digits, m -> { });
            double best = r.history().stream().mapToDouble(EpochMetrics::testAccuracy).max().orElse(Double.NaN);
            double[] secs = r.history().stream().mapToDouble(EpochMetrics::seconds).sorted().toArray();
            return new SeedRun(variant, config, r.reportedTestAccuracy(), r.finalTestAccuracy(), best,
                    secs.length == 0 ? Double.NaN : secs[secs.length / 2], "finished");
        } catch (TrainingDivergedException e) {
            // A diverged run counts as chance-level accuracy, as it would in a paper's median.
            return new SeedRun(variant, config, 0.1, 0.1, 0.1, Double.NaN, "diverged: " + e.where());
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
