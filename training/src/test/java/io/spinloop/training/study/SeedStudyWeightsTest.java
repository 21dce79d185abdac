package io.spinloop.training.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.spinloop.training.engine.LocalEngine;
import io.spinloop.training.run.Checkpoint;
import io.spinloop.training.run.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs in temporary directories (as on a cluster) leave their weights in --weights-dir when asked, and only then. */
class SeedStudyWeightsTest {
    @Test
    void finishedRunsCopyTheirWeightsKeyedByVariantAndSeedOnlyWhenAsked(@TempDir Path tmp) throws Exception {
        Map<String, TrainingConfig> v = new LinkedHashMap<>();
        v.put("ctrnn dt=1.0", SeedStudyResumeTest.tiny(1.0));
        Path weights = tmp.resolve("weights");
        new SeedStudy(tmp.resolve("with"), 2, new LocalEngine(), false, weights.toString()).run(v, 2, r -> { });
        for (int s = 0; s < 2; s++) {
            Path w = weights.resolve("ctrnn_dt=1.0/seed-" + s + ".h5");
            assertEquals(2, Checkpoint.info(w).epochsDone(), w.toString());
        }
        try (Stream<Path> all = Files.walk(weights)) {
            assertEquals(List.of("seed-0.h5", "seed-1.h5"), all.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString()).sorted().toList(), "nothing else (no temporary file) is left");
        }

        new SeedStudy(tmp.resolve("without"), 2, new LocalEngine(), false).run(v, 2, r -> { });
        try (Stream<Path> all = Files.walk(tmp.resolve("without"))) {
            assertFalse(all.anyMatch(p -> p.toString().endsWith(".h5")), "weights written without being asked for");
        }
    }
}
