package io.spinloop.training.twinfit;

import io.spinloop.training.engine.StudyTask;
import io.spinloop.twin.file.TwinFile;
import io.spinloop.twin.fit.RecordedSequences;
import io.spinloop.twin.fit.TwinFitJob;
import io.spinloop.twin.validate.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The fit of one device as an engine task. Its recording is read where the task runs, from {@code file} (a path the
 * workers see): each device's data go to that device's task only, so there is nothing to broadcast. With
 * {@code weightsDir}, the twin is written to {@code weightsDir/<device>.h5}, installed whole.
 */
record DeviceFitTask(String key, String file, TwinFitJob.Settings settings, String command, String weightsDir)
        implements StudyTask<String, DeviceFit> {
    private static final long serialVersionUID = 1L;

    @Override
    public DeviceFit run(String unused) {
        long t0 = System.nanoTime();
        try {
            RecordedSequences data = RecordedSequences.read(List.of(Path.of(file)));
            TwinFitJob.Result r = TwinFitJob.fit(data, settings, command, line -> { });
            String twin = null;
            if (weightsDir != null) {
                Path out = Path.of(weightsDir, key + ".h5");
                TwinFile.write(out, r.record(), true);
                twin = out.toString();
            }
            ValidationReport v = r.record().validation();
            Object best = r.summary().get("best_epoch");
            Object objective = r.summary().get("objective");
            return new DeviceFit(key, file, objective == null ? "" : objective.toString(),
                    best instanceof Number n ? n.intValue() : -1, v.sequences(), v.repeats(), v.meanRatio(), v.spreadRatio(),
                    v.autocorrRatio(), v.distanceRatio(), v.score(), (System.nanoTime() - t0) / 1e9, twin);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
