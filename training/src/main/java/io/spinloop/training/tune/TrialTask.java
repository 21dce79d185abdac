package io.spinloop.training.tune;

import io.spinloop.training.engine.Reporter;
import io.spinloop.training.engine.ReportingTask;
import io.spinloop.training.run.Checkpoint;
import io.spinloop.training.run.EpochMetrics;
import io.spinloop.training.run.RunDirectory;
import io.spinloop.training.run.Trainer;
import io.spinloop.training.run.TrainingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One tuning trial as an engine task: trains {@code config} epoch by epoch, reports each epoch's validation
 * accuracy to the driver and ends after the epoch the driver answers stop to (the median pruner decides there).
 * With {@code weightsDir} (a directory every worker sees) it leaves its weights in {@code trial-<n>.h5}, installed
 * whole; without, nothing is written.
 */
record TrialTask(String key, TrainingConfig config, String weightsDir) implements ReportingTask<TrialData, TrialOutcome> {
    private static final long serialVersionUID = 1L;

    @Override
    public TrialOutcome run(TrialData data, Reporter reporter) {
        List<Double> values = new ArrayList<>();
        List<EpochMetrics> history = new ArrayList<>();
        try (Trainer t = new Trainer(config, data.train(), data.validation())) {
            boolean stopped = false;
            for (int e = 0; e < config.epochs() && !stopped; e++) {
                EpochMetrics m = t.runEpoch();
                history.add(m);
                values.add(m.testAccuracy());
                stopped = !reporter.report(e, m.testAccuracy());
            }
            if (weightsDir != null) {
                Path dir = Path.of(weightsDir);
                Files.createDirectories(dir);
                Checkpoint.write(dir.resolve(key + ".h5"), t.network().parameters(), t.optimizer(), t.epochsDone(),
                        RunDirectory.toJson(config), history);
            }
            return new TrialOutcome(values, stopped, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the weights directory " + weightsDir, e);
        } catch (RuntimeException e) {
            return new TrialOutcome(values, false, e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }
}
