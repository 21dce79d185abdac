package io.spinloop.app.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab flow without the demo: calibrate the bench, train on its twins, deploy on it. */
class CalibrateCommandTest {
    @TempDir
    Path dir;

    @Test
    void calibrateThenTrainOnTheTwinsThenDeploy() throws Exception {
        String bench = TestBenches.defaultBench().toString();
        Path cal = dir.resolve("cal");
        Cli.Result c = Cli.run("calibrate", "--quick", "--config", bench, "--out", cal.toString());
        assertEquals(0, c.exit(), c.err());
        JsonNode j = new ObjectMapper().readTree(cal.resolve(CalibrateCommand.RESULT).toFile());
        assertEquals(3, j.get("devices").size(), j.toString());
        for (JsonNode d : j.get("devices")) {
            String id = d.get("device").asText();
            for (String f : new String[] {"neurons-" + id + ".h5", "twin-" + id + ".h5", "response-twin-" + id + ".json"}) {
                assertTrue(Files.isRegularFile(cal.resolve(f)), f);
            }
            assertTrue(d.get("list_point_s").asDouble() > 0.017 && d.get("list_point_s").asDouble() < 0.019, d.toString());
        }

        Path w = dir.resolve("w.json");
        Cli.Result t = Cli.run("train-on-twin", "--quick", "--twins", cal.toString(), "--out", w.toString());
        assertEquals(0, t.exit(), t.err());
        Cli.Result d = Cli.run("deploy", "--config", bench, "--weights", w.toString(), "--twins", cal.toString(),
                "--out", dir.resolve("dep").toString());
        assertEquals(0, d.exit(), d.err());
        assertTrue(d.out().startsWith("chip test MSE "), d.out());

        Cli.Result again = Cli.run("calibrate", "--quick", "--config", bench, "--out", cal.toString());
        assertEquals(2, again.exit(), again.err());
        assertTrue(again.err().contains(CalibrateCommand.RESULT), again.err());
    }
}
