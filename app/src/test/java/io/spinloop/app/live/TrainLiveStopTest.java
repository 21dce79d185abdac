package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spinloop.app.ChildSpinloop;
import io.spinloop.training.run.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --live} with every model (a child JVM): the page gets loss and accuracy per epoch as they come, and
 * its Stop ends the training between batches as Ctrl-C does, exit 130, leaving only whole files: the multilayer run
 * directory records itself as interrupted with the checkpoint of its last finished epoch, the seeds' CSVs are
 * written only for finished seeds.
 */
class TrainLiveStopTest {
    @TempDir
    Path dir;

    /** Waits until the page has an epoch of {@code curve} after the first, stops the run; returns the page's events. */
    private static List<String> stopAfterTwoEpochs(ChildSpinloop c, String curve) throws Exception {
        List<String> events = LivePage.of(c).stopOnceThenUntilEnd(got -> LivePage.any(got, "\"type\":\"epoch\"", curve,
                "\"epoch\":2,"));
        LivePage.assertStopped(c);
        assertTrue(LivePage.any(events, "\"type\":\"end\"", "\"exit\":130"), "the page is told it was stopped: "
                + events);
        return events;
    }

    @Test
    void powerCurveAndMacrospinDrawTheirEpochsAndStopMidSeedWritingNothingHalf() throws Exception {
        for (String model : List.of("power-curve", "macrospin")) {
            Path out = dir.resolve(model);
            try (ChildSpinloop c = ChildSpinloop.start("train", "--model", model, "--task", "spiral", "--seeds", "1",
                    "--epochs", "100000", "--oscillators", "4", "--out", out.toString(), "--live")) {
                List<String> events = stopAfterTwoEpochs(c, "\"curve\":\"" + model + ", seed 1\"");
                assertTrue(LivePage.any(events, "\"epoch\":1,", "\"loss\":", "\"figure\":\"test accuracy\"",
                        "\"value\":"), model + ": loss and test accuracy per epoch: " + events);
            }
            // stopped inside the only seed: no seed finished, so no CSV (never half of one), and nothing temporary
            assertFalse(Files.exists(out.resolve("epochs.csv")), model);
            assertFalse(Files.exists(out.resolve("summary.csv")), model);
            try (var files = Files.list(out)) {
                assertTrue(files.noneMatch(p -> p.toString().contains(".tmp")), model + ": no temporary file left");
            }
        }
    }

    @Test
    void aMultilayerRunStopsBetweenBatchesRecordedAsInterruptedWithItsLastCheckpoint() throws Exception {
        Path out = dir.resolve("run");
        try (ChildSpinloop c = ChildSpinloop.start("train", "--model", "ctrnn", "--layers", "1", "--neurons", "6",
                "--train-limit", "60", "--test-limit", "30", "--batch", "10", "--threads", "1", "--epochs", "100000",
                "--out", out.toString(), "--live")) {
            stopAfterTwoEpochs(c, "\"curve\":\"train\"");
        }
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals("interrupted", metrics.get("status").asText(), metrics.toString());
        int done = metrics.get("epochs_done").asInt();
        assertTrue(done >= 2, metrics.toString());
        assertEquals(done, Checkpoint.info(out.resolve("weights.h5")).epochsDone(),
                "the checkpoint holds the last finished epoch, as metrics.json says");
        H5dump.assertValid(out.resolve("weights.h5"));
    }
}
