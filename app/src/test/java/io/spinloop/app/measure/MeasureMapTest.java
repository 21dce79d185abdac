package io.spinloop.app.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.app.cli.JsonOutput;
import io.spinloop.lab.map.ThresholdLine;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.SpectrumMap;
import io.spinloop.measurements.Sweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code measure map} on the emulated bench: every grid point once under /maps/0 with axes, units, order and
 * direction; I_th per row near the emulated device's threshold; colour-map and threshold PNGs; h5dump reads it.
 * {@code --resume} refuses a file measured with another plan or device, naming what differs, and continues a sweep
 * stopped early into the same file.
 */
class MeasureMapTest {
    @TempDir
    Path dir;

    private String bench() {
        return TestBenches.defaultBench().toString();
    }

    @Test
    void aSnakeMapHoldsEveryPointOnceWithItsDirectionAndPlots() throws Exception {
        Path out = dir.resolve("map.h5");
        Cli.Result r = Cli.run("measure", "map", "--config", bench(), "--out", out.toString(), "--from", "0", "--to",
                "2.5e-3", "--step", "1e-4", "--rows", "2", "--order", "snake", "--plots", dir.resolve("plots").toString(),
                "--json", "--quiet", "--sample", "s1");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode facts = JsonOutput.mapper().readTree(r.out());
        assertEquals(52, facts.get("done").asInt());
        MeasurementFile f = MeasurementFile.open(out);
        SpectrumMap m = f.maps().get(0);
        assertTrue(m.complete());
        assertEquals(52, m.points());
        assertEquals("current", m.grid().xName());
        assertEquals("A", m.grid().xUnit());
        assertEquals("repeat", m.grid().yName());
        assertEquals("snake", m.grid().order());
        assertEquals(1, m.direction()[0]);
        assertEquals(-1, m.direction()[26]);
        assertEquals(25, m.ix()[26], "the second row starts at the top");
        for (int iy = 0; iy < 2; iy++) {
            for (int ix = 0; ix < 26; ix++) {
                assertTrue(m.pointAt(ix, iy) >= 0);
            }
        }
        assertEquals("map", f.info().provenance().metadata().get("kind"));
        // The emulated stno-a has its threshold at 1 mA (lab-configs/emulated-bench.yaml).
        ThresholdLine th = ThresholdLine.of(m);
        for (double t : th.thresholdA()) {
            assertEquals(1e-3, t, 0.15e-3, "I_th of a row");
        }
        for (String p : new String[] {"frequency", "power", "linewidth", "threshold"}) {
            assertTrue(Files.size(dir.resolve("plots/map0-stno-a-" + p + ".png")) > 1000, p);
        }
        if (EmulatedMeasurementTest.h5dumpAvailable()) {
            Process p = new ProcessBuilder("h5dump", "-H", out.toString()).redirectErrorStream(true).start();
            String dump = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), dump);
            assertTrue(dump.contains("/maps/0") || dump.contains("GROUP \"0\""), dump);
            assertTrue(dump.contains("direction") && dump.contains("( 52, 1001 )"), dump);
        }
    }

    @Test
    void aCurrentFieldMapPutsTheFieldOnTheSlowAxisAndTheLineFollowsIt() throws Exception {
        Path out = dir.resolve("field-map.h5");
        // 10.9 mT is the probe station's bias, where stno-a is its configured self (threshold about 1 mA); +-4 mT
        // keeps the line inside the preset's 4.25..5.25 GHz span up to 2 mA.
        Cli.Result r = Cli.run("measure", "map", "--config", bench(), "--out", out.toString(), "--from", "0", "--to",
                "2e-3", "--step", "1e-4", "--field-from", "0.0069", "--field-to", "0.0149", "--field-step", "0.004",
                "--order", "raster", "--json", "--quiet");
        assertEquals(0, r.exit(), r.out() + r.err());
        SpectrumMap m = MeasurementFile.open(out).maps().get(0);
        assertTrue(m.complete());
        assertEquals(63, m.points());
        assertEquals("field", m.grid().yName());
        assertEquals("T", m.grid().yUnit());
        assertArrayEquals(new double[] {0.0069, 0.0109, 0.0149}, m.grid().y(), 1e-12);
        // Kittel: f0 grows with the field, about 50 MHz per mT here; at 1.5 mA the line sits 400 MHz higher at +8 mT.
        double low = m.peakFrequencyHz()[m.pointAt(15, 0)];
        double high = m.peakFrequencyHz()[m.pointAt(15, 2)];
        assertTrue(high - low > 200e6, "line at 1.5 mA: " + low + " Hz at 6.9 mT, " + high + " Hz at 14.9 mT");
        for (double t : ThresholdLine.of(m).thresholdA()) {
            assertEquals(1e-3, t, 0.2e-3, "I_th of each field row");
        }
        Cli.Result noField = Cli.run("measure", "map", "--config", bench(), "--device", "stno-b", "--out",
                dir.resolve("b.h5").toString(), "--field-from", "0.01", "--field-to", "0.02", "--field-step", "0.01",
                "--quiet");
        assertEquals(2, noField.exit(), noField.err());
        assertTrue(noField.err().contains("no field block"), noField.err());
        assertFalse(Files.exists(dir.resolve("b.h5")));
    }

    @Test
    void resumeRefusesAnotherPlanOrDeviceNamingWhatDiffers() throws Exception {
        Path out = dir.resolve("partial.h5");
        Cli.Result r = Cli.run("measure", "map", "--config", bench(), "--out", out.toString(), "--from", "0", "--to",
                "1e-3", "--step", "5e-4", "--rows", "1", "--quiet");
        assertEquals(0, r.exit(), r.err());
        Cli.Result plan = Cli.run("measure", "map", "--config", bench(), "--out", out.toString(), "--from", "0",
                "--to", "1e-3", "--step", "2.5e-4", "--rows", "1", "--quiet", "--resume");
        assertEquals(2, plan.exit(), plan.err());
        assertTrue(plan.err().contains("plan"), plan.err());
        Cli.Result device = Cli.run("measure", "map", "--config", bench(), "--device", "stno-b", "--out",
                out.toString(), "--from", "0", "--to", "1e-3", "--step", "5e-4", "--rows", "1", "--quiet", "--resume");
        assertEquals(2, device.exit(), device.err());
        assertTrue(device.err().contains("device (the file: stno-a; this command: stno-b)"), device.err());
        Cli.Result none = Cli.run("measure", "map", "--config", bench(), "--out", dir.resolve("none.h5").toString(),
                "--resume", "--quiet");
        assertEquals(2, none.exit(), none.err());
    }

    @Test
    void aSweepStoppedEarlyResumesIntoTheSameFile() throws Exception {
        Path out = dir.resolve("sweep.h5");
        String[] args = {"measure", "sweep", "--config", bench(), "--out", out.toString(), "--from", "0", "--to",
            "2e-3", "--step", "2.5e-4", "--quiet"};
        assertEquals(0, Cli.run(args).exit());
        Sweep whole = MeasurementFile.open(out).sweeps().get(0);
        // Leave what a run that stopped after 4 points leaves, by rewriting the file with its first 4 points.
        Path cut = dir.resolve("cut.h5");
        io.spinloop.measurements.MeasurementRecorder rec = io.spinloop.measurements.MeasurementRecorder.create(cut,
                MeasurementFile.open(out).info().provenance(), io.spinloop.measurements.OverwritePolicy.REFUSE);
        var s = rec.beginSweep(whole.deviceId(), whole.frequencyHz(), whole.settings());
        for (int i = 0; i < 4; i++) {
            s.addPoint(whole.currentA()[i], whole.spectrumDbm()[i], whole.peakFrequencyHz()[i], whole.powerW()[i],
                    whole.linewidthHz()[i]);
        }
        rec.close();
        String[] resume = args.clone();
        resume[5] = cut.toString();
        String[] withResume = java.util.Arrays.copyOf(resume, resume.length + 1);
        withResume[resume.length] = "--resume";
        Cli.Result r = Cli.run(withResume);
        assertEquals(0, r.exit(), r.out() + r.err());
        MeasurementFile f = MeasurementFile.open(cut);
        Sweep done = f.sweeps().get(0);
        assertTrue(done.complete());
        assertArrayEquals(whole.currentA(), done.currentA(), 0.0, "each current once, in order");
        assertEquals(1, f.interruptions().size());
        assertEquals(4, f.interruptions().get(0).pointsBefore());
        assertFalse(Files.exists(io.spinloop.measurements.MeasurementRecorder.journalFor(cut)));
        Cli.Result list = Cli.run("data", "list", dir.toString());
        assertTrue(list.out().contains("resumed"), list.out());
    }
}
