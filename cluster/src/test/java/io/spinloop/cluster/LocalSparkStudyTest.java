package io.spinloop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.training.engine.Engines;
import io.spinloop.training.engine.LocalEngine;
import io.spinloop.training.engine.StudyEngine;
import io.spinloop.training.engine.StudyFailedException;
import io.spinloop.training.engine.StudyTask;
import io.spinloop.training.study.SeedRun;
import io.spinloop.training.study.SeedStudy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study under Spark's local[2] against the same study in this process: the same figures, run by run. */
class LocalSparkStudyTest {
    private static StudyEngine spark;

    @BeforeAll
    static void startSpark() {
        // Through the service loader, as --engine spark finds it.
        spark = Engines.open("spark", "local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    @Test
    void theSparkEngineIsFoundByNameAndRunsEachStudyRunAsInProcess(@TempDir Path tmp) throws Exception {
        assertInstanceOf(SparkEngine.class, spark);
        List<SeedRun> local = new SeedStudy(tmp.resolve("local"), 2, new LocalEngine(), false)
                .run(TinyStudy.variants(), 2, r -> { });
        List<SeedRun> streamed = new ArrayList<>();
        List<SeedRun> onSpark = new SeedStudy(tmp.resolve("spark"), 2, spark, false)
                .run(TinyStudy.variants(), 2, streamed::add);
        assertEquals(4, streamed.size());
        assertEquals(local.size(), onSpark.size());
        for (int i = 0; i < local.size(); i++) {
            SeedRun a = local.get(i);
            SeedRun b = onSpark.get(i);
            assertEquals(a.config(), b.config());
            assertEquals(a.reportedTestAccuracy(), b.reportedTestAccuracy(), a.variant() + " seed " + a.config().seed());
            assertEquals(a.finalTestAccuracy(), b.finalTestAccuracy());
            assertEquals(a.bestTestAccuracy(), b.bestTestAccuracy());
            assertEquals(a.status(), b.status());
        }
        assertEquals(TinyStudy.withoutTimes(tmp.resolve("local/runs.csv")), TinyStudy.withoutTimes(tmp.resolve("spark/runs.csv")));
        assertTrue(Files.readAllLines(tmp.resolve("spark/runs.csv")).size() == 5);
    }

    @Test
    void aTaskThatFailsEndsTheStudyNamingItsKey() {
        StudyFailedException e = assertThrows(StudyFailedException.class,
                () -> spark.run(3, List.of(new Failing("fine", false), new Failing("broken", true)), 2, (k, v) -> { }));
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
    }

    record Failing(String key, boolean fail) implements StudyTask<Integer, Integer> {
        @Override
        public Integer run(Integer shared) {
            if (fail) {
                throw new IllegalStateException("this task fails");
            }
            return shared;
        }
    }
}
