package io.spinloop.training.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.training.engine.LocalEngine;
import io.spinloop.training.engine.StudyEngine;
import io.spinloop.training.engine.StudyTask;
import io.spinloop.training.neuron.Integrator;
import io.spinloop.training.run.ModelKind;
import io.spinloop.training.run.RunDirectoryException;
import io.spinloop.training.run.TrainingConfig;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seed study through the engine seam: runs.csv written by the driver, keyed, resumed without duplicates. */
class SeedStudyResumeTest {

    static TrainingConfig tiny(double dt) {
        return new TrainingConfig("digits", ModelKind.CTRNN, 2, 0, 0, dt, 5.0, 0.02, 8.0, 0.5, 0.5, 0.5, 1.0, 1, 4, 24,
                1.0, Integrator.EXACT, 1, 1.0, 1, 48, 24);
    }

    /** The local engine, remembering which keys it was given to run. */
    static final class Recording implements StudyEngine {
        final List<String> ran = Collections.synchronizedList(new ArrayList<>());
        private final LocalEngine local = new LocalEngine();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public <D extends Serializable, R extends Serializable> void run(D shared, List<? extends StudyTask<D, R>> tasks,
                int parallel, Results<R> results) {
            tasks.forEach(t -> ran.add(t.key()));
            local.run(shared, tasks, parallel, results);
        }

        @Override
        public <D extends Serializable, R extends Serializable> io.spinloop.training.engine.TaskQueue<D, R> queue(D shared,
                io.spinloop.training.engine.ReportListener listener) {
            return local.queue(shared, listener);
        }

        @Override
        public void close() {
        }
    }

    private static Map<String, TrainingConfig> variants() {
        Map<String, TrainingConfig> v = new LinkedHashMap<>();
        v.put("ctrnn dt=1.0", tiny(1.0));
        v.put("ctrnn dt=2.0", tiny(2.0));
        return v;
    }

    @Test
    void aResumedStudySkipsTheRowsInRunsCsvAndEndsAsOneRunStraightThrough(@TempDir Path tmp) throws Exception {
        Path whole = tmp.resolve("whole");
        List<SeedRun> straight = new SeedStudy(whole, 2, new LocalEngine(), false).run(variants(), 2, r -> { });
        List<String> all = Files.readAllLines(whole.resolve("runs.csv"));
        assertEquals(5, all.size(), String.join("\n", all));

        // A driver killed after two runs leaves their two rows (the file is installed whole at each row).
        Path cut = tmp.resolve("cut");
        Files.createDirectories(cut);
        Files.write(cut.resolve("runs.csv"), all.subList(0, 3));
        Recording engine = new Recording();
        SeedStudy study = new SeedStudy(cut, 2, engine, false);
        assertEquals(2, study.done(variants(), 2));
        List<SeedRun> resumed = study.run(variants(), 2, r -> { });

        List<String> doneBefore = all.subList(1, 3).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
        assertEquals(2, engine.ran.size(), engine.ran.toString());
        assertTrue(Collections.disjoint(engine.ran, doneBefore), engine.ran + " vs " + doneBefore);
        List<String> rows = Files.readAllLines(cut.resolve("runs.csv"));
        assertEquals(5, rows.size(), String.join("\n", rows));
        assertEquals(4, rows.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().count());
        assertEquals(SeedStudy.summarize(straight), SeedStudy.summarize(resumed));
        for (int i = 0; i < straight.size(); i++) {
            assertEquals(straight.get(i).reportedTestAccuracy(), resumed.get(i).reportedTestAccuracy());
            assertEquals(straight.get(i).bestTestAccuracy(), resumed.get(i).bestTestAccuracy());
        }

        // Nothing left: a third start trains nothing and writes nothing new.
        Recording again = new Recording();
        new SeedStudy(cut, 2, again, false).run(variants(), 2, r -> { });
        assertEquals(List.of(), again.ran);
        assertEquals(rows, Files.readAllLines(cut.resolve("runs.csv")));
    }

    @Test
    void rowsOfOtherSettingsAreRefusedNotReused(@TempDir Path tmp) {
        new SeedStudy(tmp, 1, new LocalEngine(), false).run(Map.of("ctrnn dt=1.0", tiny(1.0)), 1, r -> { });
        RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> new SeedStudy(tmp, 1, new LocalEngine(), false)
                .run(Map.of("ctrnn dt=1.0", tiny(1.0).withDt(1.5)), 1, r -> { }));
        assertTrue(e.getMessage().contains("runs.csv") && e.getMessage().contains("other settings"), e.getMessage());
    }
}
