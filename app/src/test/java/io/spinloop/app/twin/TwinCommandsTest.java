package io.spinloop.app.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinloop.app.Cli;
import io.spinloop.app.cli.JsonOutput;
import io.spinloop.twin.file.TwinFile;
import io.spinloop.twin.file.TwinRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The twin commands end to end on small sequences from the emulator's physics (quasi-static, 1 ms steps). */
class TwinCommandsTest {
    @TempDir
    Path dir;

    @Test
    void emulateFitCheckAndSampleFromEmulatorPhysics() throws Exception {
        Path train = dir.resolve("train.h5");
        Path test = dir.resolve("test.h5");
        Path twin = dir.resolve("twin.h5");
        assertEquals(0, Cli.run("twin", "emulate", "--out", train.toString(), "--sequences", "40", "--repeats", "8",
                "--length", "40", "--seed", "3").exit());
        assertEquals(0, Cli.run("twin", "emulate", "--out", test.toString(), "--sequences", "15", "--repeats", "8",
                "--length", "40", "--seed", "4").exit());
        Cli.Result fit = Cli.run("twin", "fit", "--data", train.toString(), "--out", twin.toString(), "--epochs", "10",
                "--batch", "256", "--quiet", "--plot", dir.resolve("fan.png").toString());
        assertEquals(0, fit.exit(), fit.err());
        assertTrue(fit.out().contains("Wasserstein-1"), fit.out());
        assertTrue(Files.size(dir.resolve("fan.png")) > 10_000);
        TwinRecord rec = TwinFile.read(twin);
        assertEquals(train.toAbsolutePath().toString(), rec.provenance().get("data_files"));
        assertEquals(1, ((Number) rec.provenance().get("data_physically_measurable")).intValue());
        assertEquals("float32", rec.provenance().get("kernel_precision"));

        Cli.Result check = Cli.run("twin", "check", "--twin", twin.toString(), "--data", test.toString(), "--json");
        JsonNode j = JsonOutput.mapper().readTree(check.out());
        assertTrue(j.get("validation").get("twin").get("spread_ratio").asDouble() > 0.5, check.out());
        assertEquals(j.get("passes").asBoolean() ? 0 : 3, check.exit());

        Cli.Result sample = Cli.run("twin", "sample", "--twin", twin.toString(), "--drive", "1e-3,2e-3,2e-3,0.5e-3",
                "--repeats", "3");
        assertEquals(0, sample.exit(), sample.err());
        String[] lines = sample.out().trim().split("\n");
        assertEquals("time_s,drive_A,power_W_0,power_W_1,power_W_2", lines[0]);
        assertEquals(5, lines.length);

        // log power: the state in dB, recorded in the file; check and sample still work in W
        Path logTwin = dir.resolve("twin-log.h5");
        Cli.Result logFit = Cli.run("twin", "fit", "--data", train.toString(), "--out", logTwin.toString(), "--epochs", "3",
                "--batch", "256", "--quiet", "--log-power");
        assertEquals(0, logFit.exit(), logFit.err());
        TwinRecord logRec = TwinFile.read(logTwin);
        assertTrue(logRec.twin().normalisation().logPower());
        assertTrue(String.valueOf(logRec.provenance().get("command")).contains("--log-power"));
        Path doubleTwin = dir.resolve("twin-float64.h5");
        Cli.Result doubleFit = Cli.run("twin", "fit", "--data", train.toString(), "--out", doubleTwin.toString(),
                "--epochs", "2", "--batch", "256", "--quiet", "--precision", "float64");
        assertEquals(0, doubleFit.exit(), doubleFit.err());
        assertEquals("float64", TwinFile.read(doubleTwin).provenance().get("kernel_precision"));
        assertTrue(String.valueOf(TwinFile.read(doubleTwin).provenance().get("command")).contains("--precision float64"));
        Cli.Result noPrecision = Cli.run("twin", "fit", "--data", train.toString(), "--out",
                dir.resolve("y.h5").toString(), "--precision", "float16", "--quiet");
        assertEquals(2, noPrecision.exit());
        assertTrue(noPrecision.err().contains("--precision") && noPrecision.err().contains("float64 or float32"),
                noPrecision.err());
        assertTrue(!Files.exists(dir.resolve("y.h5")));
        Cli.Result logCheck = Cli.run("twin", "check", "--twin", logTwin.toString(), "--data", test.toString(), "--json");
        assertTrue(JsonOutput.mapper().readTree(logCheck.out()).get("validation").get("twin").get("mean_error").asDouble() > 0,
                logCheck.out());
        String[] logLines = Cli.run("twin", "sample", "--twin", logTwin.toString(), "--drive", "1e-3,2e-3", "--repeats", "2")
                .out().trim().split("\n");
        assertTrue(Double.parseDouble(logLines[2].split(",")[2]) > 0, logLines[2]);
        Cli.Result refused = Cli.run("twin", "fit", "--data", train.toString(), "--out", dir.resolve("x.h5").toString(),
                "--model", "physics-residual", "--log-power", "--quiet");
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("--log-power"), refused.err());
    }

    @Test
    void badInputGetsOneLineNamingTheFile() throws Exception {
        Path notH5 = dir.resolve("notes.h5");
        Files.writeString(notH5, "hello");
        Cli.Result r = Cli.run("twin", "fit", "--data", notH5.toString(), "--out", dir.resolve("t.h5").toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("notes.h5"), r.err());
        assertTrue(Files.notExists(dir.resolve("t.h5")));
        Cli.Result c = Cli.run("twin", "check", "--twin", notH5.toString(), "--data", notH5.toString());
        assertNotEquals(0, c.exit());
        assertTrue(c.err().contains("notes.h5") && c.err().contains("not an HDF5 file"), c.err());
    }
}
