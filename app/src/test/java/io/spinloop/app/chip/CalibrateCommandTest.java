package io.spinloop.app.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab flow without the demo: calibrate the bench, train on its twins (the Mackey-Glass network and the
 * sequential-digits classifier), deploy, fine-tune chip-in-the-loop with an interruption and a resume.
 */
class CalibrateCommandTest {
    @TempDir
    static Path shared;
    static Path cal;
    static String bench;

    @TempDir
    Path dir;

    @BeforeAll
    static void calibrate() {
        bench = TestBenches.defaultBench().toString();
        cal = shared.resolve("cal");
        Cli.Result c = Cli.run("calibrate", "--quick", "--config", bench, "--out", cal.toString());
        assertEquals(0, c.exit(), c.err());
    }

    @Test
    void calibrationHoldsEveryDevicesRecordingAndTwins() throws Exception {
        JsonNode j = new ObjectMapper().readTree(cal.resolve(CalibrateCommand.RESULT).toFile());
        assertEquals(3, j.get("devices").size(), j.toString());
        for (JsonNode d : j.get("devices")) {
            String id = d.get("device").asText();
            for (String f : new String[] {"neurons-" + id + ".h5", "twin-" + id + ".h5", "response-twin-" + id + ".json"}) {
                assertTrue(Files.isRegularFile(cal.resolve(f)), f);
            }
            // the fastest pace (chip runs' default): 1 ms dwell + 0.01 NPLC at 60 Hz + 0.4 ms, about 1.567 ms
            assertTrue(d.get("list_point_s").asDouble() > 0.00156 && d.get("list_point_s").asDouble() < 0.00158,
                    d.toString());
        }
        Cli.Result again = Cli.run("calibrate", "--quick", "--config", bench, "--out", cal.toString());
        assertEquals(2, again.exit(), again.err());
        assertTrue(again.err().contains(CalibrateCommand.RESULT), again.err());
    }

    @Test
    void theFastestPaceIsCalibratedStoredAndReplayedByDeploy() throws Exception {
        String readme = Files.readString(TestBenches.repoRoot().resolve("README.md"));
        assertTrue(readme.contains("./spinloop calibrate --pace fastest"), "the README names the command");
        Path fast = dir.resolve("fast");
        Cli.Result c = Cli.run("calibrate", "--quick", "--pace", "fastest", "--config", bench, "--out",
                fast.toString());
        assertEquals(0, c.exit(), c.err());
        JsonNode j = new ObjectMapper().readTree(fast.resolve(CalibrateCommand.RESULT).toFile());
        assertEquals("fastest", j.get("pace").asText(), j.toString());
        for (JsonNode d : j.get("devices")) {
            // 1 ms dwell + 0.01 NPLC at 60 Hz, auto zero once (not per point) + 0.4 ms: about 1.57 ms, not 51.4
            double period = d.get("list_point_s").asDouble();
            assertTrue(period > 1.5e-3 && period < 1.7e-3, d.toString());
            JsonNode twin = new ObjectMapper().readTree(fast.resolve("response-twin-" + d.get("device").asText()
                    + ".json").toFile());
            assertTrue(twin.toString().contains("\"neuron_source_nplc\":0.01"), twin.toString());
        }
        // deploy sets the calibration's pace again: lists longer than the 100 points of the instruments' own pace
        Path w = dir.resolve("w.json");
        assertEquals(0, Cli.run("train-on-twin", "--quick", "--twins", fast.toString(), "--out", w.toString()).exit());
        Path dep = dir.resolve("dep");
        Cli.Result d = Cli.run("deploy", "--config", bench, "--weights", w.toString(), "--twins", fast.toString(),
                "--out", dep.toString());
        assertEquals(0, d.exit(), d.err());
        JsonNode r = new ObjectMapper().readTree(dep.resolve(DeployCommand.RESULT).toFile());
        assertTrue(r.get("list_points").asLong() > 100 * r.get("lists").asLong(), r.toString());
    }

    @Test
    void anUnknownPaceIsRefusedNamingTheOptionBeforeTheBenchIsOpened() {
        Path out = dir.resolve("never");
        Cli.Result r = Cli.run("calibrate", "--quick", "--pace", "slowest", "--config", bench, "--out",
                out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--pace") && r.err().contains("fastest or as-configured"), r.err());
        assertTrue(!Files.exists(out), "nothing written for a refused option");
    }

    @Test
    void aBenchThatDoesNotAnswerLeavesNoDirectoryBehind() throws Exception {
        // the default bench without its emulator block: a real bench on loopback ports where nothing listens
        String text = Files.readString(Path.of(bench));
        String yaml = text.substring(0, text.indexOf("\nemulator:") + 1);
        assertTrue(yaml.contains("devices:") && !yaml.contains("emulator:"), yaml);
        Path cfg = dir.resolve("closed.yaml");
        Files.writeString(cfg, yaml);
        Path out = dir.resolve("never");
        Cli.Result r = Cli.run("calibrate", "--quick", "--config", cfg.toString(), "--out", out.toString());
        assertTrue(r.exit() != 0, r.err());
        assertTrue(r.err().startsWith("spinloop calibrate: "), r.err());
        assertTrue(!Files.exists(out), "no empty --out left behind");
    }

    @Test
    void forecastNetworkTrainsOnTheCalibratedTwinsAndDeploys() {
        Path w = dir.resolve("w.json");
        Cli.Result t = Cli.run("train-on-twin", "--quick", "--twins", cal.toString(), "--out", w.toString());
        assertEquals(0, t.exit(), t.err());
        Cli.Result d = Cli.run("deploy", "--config", bench, "--weights", w.toString(), "--twins", cal.toString(),
                "--out", dir.resolve("dep").toString());
        assertEquals(0, d.exit(), d.err());
        assertTrue(d.out().startsWith("chip test MSE "), d.out());
    }

    @Test
    void digitsTrainDeployAndChipTrainWithAResume() throws Exception {
        Path w = dir.resolve("digits.json");
        Cli.Result t = Cli.run("train-on-twin", "--task", "digits", "--quick", "--epochs", "6", "--twins",
                cal.toString(), "--out", w.toString());
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().startsWith("twin test accuracy "), t.out());

        Path dep = dir.resolve("dep");
        Cli.Result d = Cli.run("deploy", "--config", bench, "--weights", w.toString(), "--twins", cal.toString(),
                "--out", dep.toString());
        assertEquals(0, d.exit(), d.err());
        assertTrue(d.out().startsWith("chip test accuracy "), d.out());
        JsonNode j = new ObjectMapper().readTree(dep.resolve(DeployCommand.RESULT).toFile());
        assertEquals(40, j.get("test_images").asInt(), j.toString());
        double chip = j.get("chip_test_accuracy").asDouble();
        assertTrue(chip > 0.3, "far above the 0.1 of chance after 6 quick epochs: " + chip);

        // chip-in-the-loop: stopped after one step, resumed to the end; the result deploys like any weights file
        Path run = dir.resolve("run");
        Cli.Result first = Cli.run("chip-train", "--config", bench, "--weights", w.toString(), "--twins",
                cal.toString(), "--out", run.toString(), "--max-steps", "1");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("stopped after 1 steps"), first.out());
        Cli.Result rest = Cli.run("chip-train", "--config", bench, "--weights", w.toString(), "--twins",
                cal.toString(), "--out", run.toString(), "--resume");
        assertEquals(0, rest.exit(), rest.err());
        assertTrue(rest.err().contains("resuming chip-in-the-loop training at epoch 1, batch 1"), rest.err());
        assertTrue(rest.out().startsWith("chip test accuracy "), rest.out());
        Cli.Result tuned = Cli.run("deploy", "--config", bench, "--weights",
                run.resolve(ChipTrainCommand.WEIGHTS).toString(), "--twins", cal.toString(), "--out",
                dir.resolve("dep2").toString());
        assertEquals(0, tuned.exit(), tuned.err());
        assertTrue(tuned.out().startsWith("chip test accuracy "), tuned.out());
    }

    @Test
    void trainOnTwinRefusesAnUnknownTaskAndDigitsOptionsOnTheForecast() {
        Cli.Result t = Cli.run("train-on-twin", "--task", "spirals", "--twins", cal.toString(), "--out",
                dir.resolve("x.json").toString());
        assertEquals(2, t.exit(), t.err());
        assertTrue(t.err().contains("--task"), t.err());
        Cli.Result n = Cli.run("train-on-twin", "--neurons", "4", "--twins", cal.toString(), "--out",
                dir.resolve("y.json").toString());
        assertEquals(2, n.exit(), n.err());
        assertTrue(n.err().contains("--neurons"), n.err());
    }
}
