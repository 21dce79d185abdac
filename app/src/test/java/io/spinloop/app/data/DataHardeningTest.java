package io.spinloop.app.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import io.spinloop.measurements.SequenceRecorder;
import io.spinloop.twin.file.TwinFile;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, data items: damaged journals, cut files, directories, live runs, killed interleaved runs. */
class DataHardeningTest {
    private static final int STEPS = 20;

    @TempDir
    Path dir;

    private static double[] drive(int s) {
        double[] d = new double[STEPS];
        for (int t = 0; t < STEPS; t++) {
            d[t] = 1.5e-3 + 1e-5 * ((s * 7 + t * 3) % 11);
        }
        return d;
    }

    private static double[] power(int s, int r) {
        double[] p = new double[STEPS];
        for (int t = 0; t < STEPS; t++) {
            p[t] = 1e-9 * (1 + 0.01 * s + 0.001 * r + 0.0001 * t);
        }
        return p;
    }

    /**
     * The journal an interleaved sequences run leaves when it is killed after {@code recorded} repeats, written
     * through the public API: the journal is copied while the recorder holds it, as SIGKILL would leave it.
     */
    private Path killedJournal(Path out, int sequences, int repeats, int recorded) throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("live-" + out.getFileName()));
        Provenance p = Provenance.builder("test").labConfig("bench: t\n").metadata("bench", "t").build();
        try (MeasurementRecorder rec = MeasurementRecorder.create(elsewhere.resolve(out.getFileName()), p,
                OverwritePolicy.REFUSE)) {
            SequenceRecorder q = rec.beginSequences("stno-a", time(), repeats, Map.of("dwell_s", 1e-3));
            int n = 0;
            for (int r = 0; r < repeats && n < recorded; r++) {
                for (int s = 0; s < sequences && n < recorded; s++, n++) {
                    q.addRepeat(s, r, drive(s), power(s, r));
                }
            }
            Files.copy(rec.journal(), MeasurementRecorder.journalFor(out));
        }
        return MeasurementRecorder.journalFor(out);
    }

    private static double[] time() {
        double[] t = new double[STEPS];
        for (int k = 0; k < STEPS; k++) {
            t[k] = 1e-3 * k;
        }
        return t;
    }

    @Test
    void recoverOfAJournalCorruptInTheMiddleExitsOneKeepsItAndSaysWhatWasLost() throws Exception {
        Path out = dir.resolve("mid.h5");
        Path journal = killedJournal(out, 10, 4, 40);
        byte[] bytes = Files.readAllBytes(journal);
        // Walk to the 20th repeat record (records: run, sequences started, repeats...) and corrupt 4 bytes of it.
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = 20; // magic + version
        for (int k = 0; k < 2 + 20; k++) {
            at += 8 + b.getInt(at);
        }
        try (RandomAccessFile raf = new RandomAccessFile(journal.toFile(), "rw")) {
            raf.seek(at + 60);
            raf.write(new byte[] {1, 2, 3, 4});
        }
        byte[] damaged = Files.readAllBytes(journal);

        Cli.Result r = Cli.run("data", "recover", out.toString());
        assertEquals(1, r.exit(), "a recovery that lost data is not a success\n" + r.out() + r.err());
        assertTrue(r.out().contains("recovered 0 sweep points and 39 sequence repeats"), r.out());
        assertTrue(r.out().contains("missing sequence repeats (sequence:repeat): 0:2"), r.out());
        assertFalse(r.out().contains("torn"), r.out());
        Path kept = journal.resolveSibling(journal.getFileName() + ".damaged");
        assertTrue(r.err().startsWith("spinloop data recover: " + journal.toAbsolutePath()
                + ": the journal was damaged;"), r.err());
        assertTrue(r.err().contains("kept as " + kept.toAbsolutePath()), r.err());
        assertEquals(1, r.err().trim().split("\n").length, r.err());
        assertArrayEquals(damaged, Files.readAllBytes(kept), "the journal is kept byte for byte");
        assertEquals(39, 4 * MeasurementFile.open(out).sequences().orElseThrow().sequences()
                + MeasurementFile.open(out).sequences().orElseThrow().incomplete().size());
    }

    @Test
    void infoOnADirectoryCallsItADirectory() throws Exception {
        Path runs = Files.createDirectory(dir.resolve("runs"));
        Cli.Result r = Cli.run("data", "info", runs.toString());
        assertEquals(2, r.exit(), "an input that is not a measurement file is refused");
        assertEquals("spinloop data info: " + runs.toAbsolutePath() + ": is a directory, not a measurement file",
                r.err().trim());
    }

    @Test
    void aCutSequencesFileIsRefusedByInfoPlotAndTwinFit() throws Exception {
        Path whole = dir.resolve("whole.h5");
        assertEquals(0, Cli.run("twin", "emulate", "--out", whole.toString(), "--sequences", "20", "--repeats", "4",
                "--length", "40", "--seed", "3").exit());
        byte[] all = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        String expected = String.format(Locale.ROOT, "%s: truncated: %,d of %,d bytes (the file was cut; it cannot be "
                + "read)", cut.toAbsolutePath(), all.length / 2, all.length);
        for (String[] cmd : new String[][] {
            {"data", "info", cut.toString()},
            {"plot", cut.toString(), "--out", dir.resolve("plots").toString()},
            {"twin", "fit", "--data", cut.toString(), "--out", dir.resolve("t.h5").toString(), "--quiet"}}) {
            Cli.Result r = Cli.run(cmd);
            assertEquals(2, r.exit(), "refused: " + String.join(" ", cmd) + "\n" + r.out() + r.err());
            assertTrue(r.err().trim().endsWith(expected), r.err());
            assertEquals(1, r.err().trim().split("\n").length, r.err());
        }
        assertFalse(Files.exists(dir.resolve("t.h5")));
    }

    @Test
    void measuringIntoTheFileOfALiveRunSaysARunIsInProgress() throws Exception {
        Path out = dir.resolve("busy.h5");
        Provenance p = Provenance.builder("test").metadata("command", "spinloop measure sweep --out busy.h5").build();
        try (MeasurementRecorder live = MeasurementRecorder.create(out, p, OverwritePolicy.REFUSE)) {
            Cli.Result r = Cli.run("measure", "sweep", "--config", TestBenches.defaultBench().toString(), "--out",
                    out.toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("a run is in progress writing " + out + " (this process, `spinloop measure "
                    + "sweep --out busy.h5`, since 20"), r.err());
            assertFalse(r.err().contains("interrupted"), r.err());
            assertFalse(r.err().contains("data recover"), r.err());
        }
        // Once finalised and moved away, a leftover journal of an interrupted run is still called that.
        Path left = dir.resolve("left.h5");
        killedJournal(left, 2, 2, 1);
        Cli.Result r = Cli.run("measure", "sweep", "--config", TestBenches.defaultBench().toString(), "--out",
                left.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("an interrupted run's journal is in the way"), r.err());
    }

    @Test
    void killedInterleavedRunIsRecoveredIntoDataThatTwinFitAccepts() throws Exception {
        Path out = dir.resolve("killed.h5");
        // Eight repeats planned; five rounds complete, the sixth 3 sequences in: no sequence is whole. (The fit needs
        // at least 4 repeats, to compare two halves of them.)
        killedJournal(out, 10, 8, 5 * 10 + 3);
        Cli.Result rec = Cli.run("data", "recover", out.toString());
        assertEquals(0, rec.exit(), rec.err());
        Cli.Result info = Cli.run("data", "info", out.toString());
        assertTrue(info.out().contains("a twin fit uses 10 sequences × 5 repeats"), info.out());
        Path twin = dir.resolve("twin.h5");
        Cli.Result fit = Cli.run("twin", "fit", "--data", out.toString(), "--out", twin.toString(), "--epochs", "2",
                "--quiet");
        assertEquals(0, fit.exit(), fit.err());
        Map<String, Object> prov = TwinFile.read(twin).provenance();
        assertEquals(10, ((Number) prov.get("data_sequences")).intValue());
        assertEquals(5, ((Number) prov.get("data_repeats")).intValue());
    }

    private static final Pattern PROGRESS = Pattern.compile("\\] (\\d+)/(\\d+) ");

    @Test
    void realMeasureSequencesKilledMidwayIsFittable() throws Exception {
        Path out = dir.resolve("real.h5");
        int sequences = 4;
        try (ChildSpinloop child = ChildSpinloop.start("measure", "sequences", "--config",
                TestBenches.defaultBench().toString(), "--device", "stno-a", "--out", out.toString(), "--sequences",
                Integer.toString(sequences), "--repeats", "12", "--length", "20")) {
            child.awaitLine(l -> {
                Matcher m = PROGRESS.matcher(l);
                return m.find() && Integer.parseInt(m.group(1)) >= 4 * sequences + 1; // the fit needs 4 repeats
            });
            child.process().destroyForcibly(); // SIGKILL, mid-round
            assertTrue(child.process().waitFor(20, TimeUnit.SECONDS));
        }
        assertFalse(Files.exists(out));
        assertEquals(0, Cli.run("data", "recover", out.toString()).exit());
        assertEquals(0, MeasurementFile.open(out).sequences().orElseThrow().sequences(), "no sequence is whole");
        Path twin = dir.resolve("real-twin.h5");
        Cli.Result fit = Cli.run("twin", "fit", "--data", out.toString(), "--out", twin.toString(), "--epochs", "2",
                "--quiet");
        assertEquals(0, fit.exit(), fit.err());
        Map<String, Object> prov = TwinFile.read(twin).provenance();
        assertEquals(sequences, ((Number) prov.get("data_sequences")).intValue());
        assertTrue(((Number) prov.get("data_repeats")).intValue() >= 4, prov.toString());
    }
}
