package io.spinloop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.training.engine.Engines;
import io.spinloop.training.engine.LocalEngine;
import io.spinloop.training.engine.StudyEngine;
import io.spinloop.training.tune.Dimension;
import io.spinloop.training.tune.MedianPruner;
import io.spinloop.training.tune.TpeSampler;
import io.spinloop.training.tune.Trial;
import io.spinloop.training.tune.TuningStudy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tune} on Spark's local[2] against the local engine: the same trials, trial by trial, with the TPE sampler
 * and the median pruner on the driver and the trials' reports coming back over the driver's report port.
 */
class TuneOnSparkTest {
    private static final List<Dimension> SPACE = List.of(new Dimension("tau", 1, 20, true),
            new Dimension("lr0", 0.005, 0.1, true));
    private static StudyEngine spark;

    @BeforeAll
    static void startSpark() {
        spark = Engines.open("spark", "local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    private static TuningStudy study(int trials, int parallel, int startup, int warmup) {
        return new TuningStudy(TinyStudy.config(1.0, 6), new TpeSampler(SPACE, 7, startup, 0.25, 24),
                new MedianPruner(warmup, 1), trials, parallel, 0.25);
    }

    private static List<String> rows(Path file) throws Exception {
        return Files.readAllLines(file);
    }

    @Test
    void oneTrialInFlightGivesTheSameSearchTrialByTrialAndPrunedTasksStop(@TempDir Path tmp) throws Exception {
        TuningStudy a = study(8, 1, 3, 1);
        List<Trial> local = a.run(new LocalEngine(), a.results(tmp.resolve("local.csv")), null, t -> { });
        TuningStudy b = study(8, 1, 3, 1);
        List<Trial> onSpark = b.run(spark, b.results(tmp.resolve("spark.csv")), null, t -> { });
        // The results files hold every figure in full precision (parameters, per-epoch values, state, task epochs).
        assertEquals(rows(tmp.resolve("local.csv")), rows(tmp.resolve("spark.csv")));
        assertEquals(8, onSpark.size());
        List<Trial> pruned = onSpark.stream().filter(t -> t.state() == Trial.State.PRUNED).toList();
        assertTrue(!pruned.isEmpty(), "no trial pruned: the test needs one");
        for (Trial t : pruned) {
            assertTrue(t.intermediate().size() < 6, t.note());
            assertEquals(t.intermediate().size(), t.taskEpochs(), "trial " + t.number() + "'s task trained on after 'stop'");
        }
        assertEquals(local.stream().map(Trial::state).toList(), onSpark.stream().map(Trial::state).toList());
        assertTrue(spark.report().contains("8 tasks"), spark.report());
    }

    @Test
    void twoTrialsInFlightGiveTheSameRandomTrialsWhateverOrderTheyEndIn(@TempDir Path tmp) throws Exception {
        // Startup covers every trial and no pruning: each trial depends only on the seed and its number.
        TuningStudy a = study(4, 2, 4, 6);
        List<Trial> local = a.run(new LocalEngine(), null, null, t -> { });
        TuningStudy b = study(4, 2, 4, 6);
        List<Trial> onSpark = b.run(spark, null, null, t -> { });
        local.sort(Comparator.comparingInt(Trial::number));
        onSpark.sort(Comparator.comparingInt(Trial::number));
        for (int i = 0; i < 4; i++) {
            assertEquals(local.get(i).params(), onSpark.get(i).params());
            assertEquals(local.get(i).intermediate(), onSpark.get(i).intermediate(), "trial " + i);
            assertEquals(Trial.State.COMPLETE, onSpark.get(i).state());
        }
    }
}
