package io.spinloop.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.lab.chip.ChipPace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end smoke run: `spinloop demo --quick` on the default emulated bench, with nothing else running. */
class DemoCommandTest {

    @Test
    void quickDemoRunsEveryStepAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        Cli.Result r = Cli.run("demo", "--quick", "--config", TestBenches.defaultBench().toString(), "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        for (int step = 1; step <= 8; step++) {
            assertTrue(r.err().contains("[" + step + "/8]"), "progress of step " + step + ": " + r.err());
        }
        for (String f : new String[] {"report.md", "summary.json", "characterise.h5", "device-curves.png",
            "twin-vs-measurement.png", "learning-curves.png", "errors.png", "weights-twin-trained.json",
            "chip-training.checkpoint.json", "response-twin-stno-a.json", "twin-stno-c.h5", "digits-accuracy.png",
            "weights-digits-twin-trained.json"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode mse = s.get("test_mse");
        double twin = mse.get("twin").asDouble();
        double chip = mse.get("chip, deployed").asDouble();
        double tuned = mse.get("chip, after chip-in-the-loop").asDouble();
        double linear = mse.get("linear taps (baseline)").asDouble();
        // the neurons must add something over a linear readout of the taps, on the twin they were trained on
        assertTrue(twin < 0.8 * linear, "twin " + twin + " vs linear taps " + linear);
        // on the chip the network must still beat predicting the mean (MSE 1 on the normalised series)
        assertTrue(chip < 1.0 && tuned < 1.0, "chip " + chip + ", after chip-in-the-loop " + tuned);
        assertEquals(3, s.get("steps").get("twins").size());
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("![twin vs measurement](twin-vs-measurement.png)"), report);
        // the pace chip runs use when --pace names none, said in both
        assertEquals(ChipPace.DEFAULT_NAME, s.get("pace").get("name").asText(), s.toString());
        assertTrue(report.contains("List pace (`--pace`): " + ChipPace.DEFAULT_NAME), report);
        // sequential digits on the same chip: far above the 0.1 of chance even at --quick sizes
        JsonNode acc = s.get("digits").get("test_accuracy");
        assertTrue(acc.get("chip, deployed").asDouble() > 0.3, acc.toString());
        assertTrue(acc.get("chip, after chip-in-the-loop").asDouble() > 0.3, acc.toString());
        assertTrue(report.contains("## Sequential digits on the chip") && report.contains("digits-accuracy.png"), report);

        // the weights files name the twins they were trained on, so deploy loads the same ones
        assertEquals("response", new ObjectMapper().readTree(out.resolve("weights-digits-twin-trained.json").toFile())
                .get("twin").asText());

        // a second run into the same directory refuses rather than overwrite the measurement
        Cli.Result again = Cli.run("demo", "--quick", "--config", TestBenches.defaultBench().toString(), "--out",
                out.toString());
        assertEquals(2, again.exit(), "refused input");
        assertTrue(again.err().startsWith("spinloop demo: ") && again.err().contains("characterise.h5"), again.err());
        assertFalse(again.err().contains("\tat "), "one line, no stack trace: " + again.err());
    }

    @Test
    void theReadmesFastestPaceDemoPlaysShortPointsAndSaysSo(@TempDir Path dir) throws Exception {
        String readme = Files.readString(TestBenches.repoRoot().resolve("README.md"));
        assertTrue(readme.contains("./spinloop demo --pace fastest"), "the README names the command");
        Path out = dir.resolve("demo-fast");
        Cli.Result r = Cli.run("demo", "--quick", "--pace", "fastest", "--config",
                TestBenches.defaultBench().toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("fastest", s.get("pace").get("name").asText(), s.toString());
        for (JsonNode t : s.get("steps").get("twins")) {
            // 1 ms dwell + 0.01 NPLC, auto zero once + 0.4 ms, against 51.4 ms at the instruments' own settings
            assertTrue(t.get("list_point_s").asDouble() < 2e-3, t.toString());
        }
        assertTrue(s.get("digits").get("test_accuracy").get("chip, deployed").asDouble() > 0.3, s.toString());
        assertTrue(Files.readString(out.resolve("report.md")).contains("List pace (`--pace`): fastest (0.0100 NPLC"));
    }

    @Test
    void withSdeTwinsBothWeightsFilesSaySo(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo-sde");
        // the README's "demo --pace as-configured": the configured pace, named
        assertTrue(Files.readString(TestBenches.repoRoot().resolve("README.md"))
                .contains("./spinloop demo --pace as-configured"));
        Cli.Result r = Cli.run("demo", "--quick", "--twin", "sde", "--pace", "as-configured", "--config",
                TestBenches.defaultBench().toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("as-configured", new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("pace")
                .get("name").asText());
        for (String f : new String[] {"weights-twin-trained.json", "weights-digits-twin-trained.json"}) {
            assertEquals("sde", new ObjectMapper().readTree(out.resolve(f).toFile()).get("twin").asText(), f);
        }
    }
}
