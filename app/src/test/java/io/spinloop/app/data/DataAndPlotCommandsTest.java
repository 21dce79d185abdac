package io.spinloop.app.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinloop.app.Cli;
import io.spinloop.app.cli.JsonOutput;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import io.spinloop.measurements.SequenceRecorder;
import io.spinloop.measurements.SweepRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data info} and {@code plot} on a file written through the store (the measure tests cover real runs). */
class DataAndPlotCommandsTest {
    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void writeRun() throws Exception {
        file = dir.resolve("run.h5");
        double[] freq = new double[201];
        for (int j = 0; j < freq.length; j++) {
            freq[j] = 4.5e9 + 2.5e6 * j;
        }
        Provenance p = Provenance.builder("test").labConfig("bench: t\n").instrument("smu", "KEITHLEY,MODEL 2400,1,1")
                .metadata("bench", "t").build();
        try (MeasurementRecorder rec = MeasurementRecorder.create(file, p, OverwritePolicy.REFUSE)) {
            SweepRecorder sweep = rec.beginSweep("stno-a", freq, Map.of("rbw_Hz", 1e6));
            for (int i = 0; i < 11; i++) {
                double current = 0.25e-3 * i;
                double center = 5e9 - 1e8 * i;
                double[] trace = new double[freq.length];
                for (int j = 0; j < freq.length; j++) {
                    double x = (freq[j] - center) / 5e6;
                    trace[j] = -90 + (i > 4 ? 40 / (1 + x * x) : 0);
                }
                sweep.addPoint(current, trace, i > 4 ? center : Double.NaN, i > 4 ? 1e-9 * i : 0,
                        i > 4 ? 1e7 : Double.NaN);
            }
            sweep.finish();
            double[] time = new double[20];
            for (int t = 0; t < time.length; t++) {
                time[t] = 1e-3 * t;
            }
            SequenceRecorder seq = rec.beginSequences("stno-a", time, 3, Map.of("dwell_s", 1e-3));
            for (int s = 0; s < 2; s++) {
                for (int r = 0; r < 3; r++) {
                    double[] drive = new double[20];
                    double[] power = new double[20];
                    for (int t = 0; t < 20; t++) {
                        drive[t] = 1.5e-3 + (t > 10 ? 0.5e-3 : 0);
                        power[t] = 1e-9 * (1 + 0.1 * r + (t > 10 ? 1 : 0));
                    }
                    seq.addRepeat(s, r, drive, power);
                }
            }
            seq.finish();
        }
    }

    @Test
    void infoSaysWhatIsInside() {
        Cli.Result r = Cli.run("data", "info", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("stno-a"), r.out());
    }

    @Test
    void infoJsonIsMachineReadable() throws Exception {
        Cli.Result r = Cli.run("data", "info", file.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode n = JsonOutput.mapper().readTree(r.out());
        assertEquals(11, n.get("sweeps").get(0).get("points").asInt());
        assertEquals(2.5e-3, n.get("sweeps").get(0).get("current_A").get(10).asDouble(), 1e-12);
        assertEquals(2, n.get("sequences").get("sequences").asInt());
        assertEquals(3, n.get("sequences").get("repeats").asInt());
        assertEquals("KEITHLEY,MODEL 2400,1,1", n.get("instruments").get("smu").asText());
    }

    @Test
    void infoOnAMissingFileNamesIt() {
        Cli.Result r = Cli.run("data", "info", dir.resolve("nope.h5").toString());
        assertEquals(2, r.exit(), "a file named on the command line that is not there is refused: " + r.err());
        assertTrue(r.err().contains("nope.h5"), r.err());
    }

    @Test
    void plotWritesPngs() throws Exception {
        Path out = dir.resolve("plots");
        Cli.Result r = Cli.run("plot", file.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        for (String name : new String[] {"sweep0-stno-a-spectra.png", "sweep0-stno-a-power.png",
            "sweep0-stno-a-frequency.png", "sweep0-stno-a-linewidth.png", "sequence0-stno-a.png",
            "sequence1-stno-a.png"}) {
            Path png = out.resolve(name);
            assertTrue(Files.size(png) > 1000, name);
            byte[] magic = new byte[4];
            System.arraycopy(Files.readAllBytes(png), 0, magic, 0, 4);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, magic, name);
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] cmd : new String[][] {{"data", "--help"}, {"data", "info", "--help"},
            {"data", "recover", "--help"}, {"plot", "--help"}}) {
            Cli.Result r = Cli.run(cmd);
            assertEquals(0, r.exit(), String.join(" ", cmd));
            assertTrue(r.out().contains("Usage:"), r.out());
        }
    }
}
