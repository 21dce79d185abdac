package io.spinloop.app.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.SpectrumMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume, tested by killing: a real {@code spinloop measure map} in a child JVM is SIGKILLed at 20 random moments
 * (anywhere from JVM start through measuring, the replay of a resumed run and its finalisation) and resumed with
 * {@code --resume} after each. When a run finishes before the next kill, its file is checked and a new file is
 * started, until 20 kills have landed. Every finished file holds each setpoint exactly once, as many points as an
 * uninterrupted run, and h5dump (and h5py, where installed) read it.
 */
class MapKillResumeTest {
    private static final int KILLS = 20;
    /** 11 currents × 4 rows in snake order: a couple of seconds of run, so that kills land all over it. */
    private static final String[] MAP = {"measure", "map", "--from", "0", "--to", "1e-3", "--step", "1e-4",
        "--rows", "4", "--order", "snake"};

    @TempDir
    static Path dir;

    private static Path uninterrupted;
    private static final List<Path> resumed = new ArrayList<>();
    private static int kills;

    private static String[] args(Path out, boolean resume) {
        List<String> a = new ArrayList<>(List.of(MAP));
        a.addAll(List.of("--config", TestBenches.defaultBench().toString(), "--out", out.toString()));
        if (resume) {
            a.add("--resume");
        }
        return a.toArray(String[]::new);
    }

    /** A child JVM tuned to start fast (its start-up is most of each run's time). */
    private static ChildSpinloop start(Path out, boolean resume) throws java.io.IOException {
        return ChildSpinloop.startIn(null, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"),
                args(out, resume));
    }

    /** Runs a child to its end; returns how long it took, in ms. */
    private static long runToEnd(Path out, boolean resume) throws Exception {
        long start = System.nanoTime();
        try (ChildSpinloop child = start(out, resume)) {
            assertTrue(child.process().waitFor(2, TimeUnit.MINUTES), child.log());
            assertEquals(0, child.process().exitValue(), child.drain());
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Whether the run in {@code out} is complete. A kill between publishing the file and deleting the journal leaves
     * both: {@code data recover} then finds the file holds the journal's points and only deletes the journal.
     */
    private static boolean finished(Path out) throws Exception {
        if (!Files.exists(out) || MeasurementFile.open(out).maps().isEmpty()
                || !MeasurementFile.open(out).maps().get(0).complete()) {
            return false;
        }
        if (Files.exists(MeasurementRecorder.journalFor(out))) {
            Cli.Result r = Cli.run("data", "recover", out.toString());
            assertEquals(0, r.exit(), r.out() + r.err());
        }
        return true;
    }

    @BeforeAll
    static void killAndResume() throws Exception {
        uninterrupted = dir.resolve("uninterrupted.h5");
        long fullMs = runToEnd(uninterrupted, false);
        Random random = new Random(15);
        int episode = 0;
        Path out = dir.resolve("killed-0.h5");
        while (kills < KILLS) {
            if (finished(out)) {
                resumed.add(out);
                out = dir.resolve("killed-" + (++episode) + ".h5");
            }
            boolean resume = Files.exists(out) || Files.exists(MeasurementRecorder.journalFor(out));
            long at = (long) (random.nextDouble() * fullMs);
            try (ChildSpinloop child = start(out, resume)) {
                if (!child.process().waitFor(at, TimeUnit.MILLISECONDS)) {
                    child.process().destroyForcibly(); // SIGKILL: no shutdown hook, no finalisation
                    assertTrue(child.process().waitFor(30, TimeUnit.SECONDS));
                    kills++;
                } else {
                    assertEquals(0, child.process().exitValue(), child.drain());
                }
            }
        }
        // The last file: resume it to its end.
        if (!finished(out)) {
            runToEnd(out, Files.exists(out) || Files.exists(MeasurementRecorder.journalFor(out)));
        }
        resumed.add(out);
        System.out.printf("MapKillResumeTest: uninterrupted child %d ms; %d kills over %d file(s)%n", fullMs, kills,
                resumed.size());
    }

    @Test
    void everyResumedFileHoldsEachSetpointExactlyOnce() throws Exception {
        assertEquals(KILLS, kills);
        SpectrumMap whole = MeasurementFile.open(uninterrupted).maps().get(0);
        assertEquals(44, whole.points());
        int interruptions = 0;
        for (Path f : resumed) {
            MeasurementFile file = MeasurementFile.open(f);
            SpectrumMap m = file.maps().get(0);
            assertTrue(m.complete(), f.toString());
            assertEquals(whole.points(), m.points(), f + ": point count of an uninterrupted run");
            Set<Long> seen = new HashSet<>();
            for (int k = 0; k < m.points(); k++) {
                assertTrue(seen.add(((long) m.iy()[k] << 32) | m.ix()[k]), f + ": point " + k + " twice");
                assertEquals(whole.grid().x()[m.ix()[k]], m.x()[k], 0.0, "the setpoint of its grid index");
            }
            assertFalse(Files.exists(MeasurementRecorder.journalFor(f)));
            interruptions += file.interruptions().size();
        }
        assertTrue(interruptions > 0, "some kills landed after the first point: " + interruptions);
    }

    @Test
    void h5dumpReadsEveryResumedFile() throws Exception {
        Assumptions.assumeTrue(EmulatedMeasurementTest.h5dumpAvailable(), "h5dump not installed (.ci/run installs "
                + "hdf5-tools)");
        for (Path f : resumed) {
            Process p = new ProcessBuilder("h5dump", "-d", "/maps/0/ix", f.toString()).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("( 44 )"), out);
        }
    }

    @Test
    void h5pyReadsEveryResumedFile() throws Exception {
        Assumptions.assumeTrue(h5pyAvailable(), "python3-h5py not installed (.ci/run installs it)");
        for (Path f : resumed) {
            String script = "import h5py, sys\n"
                    + "m = h5py.File(sys.argv[1], 'r')['maps/0']\n"
                    + "pts = set(zip(m['ix'][:].tolist(), m['iy'][:].tolist()))\n"
                    + "assert len(pts) == m['ix'].shape[0] == 44, (len(pts), m['ix'].shape)\n"
                    + "assert m['spectrum_dBm'].shape == (44, 1001), m['spectrum_dBm'].shape\n"
                    + "print('ok', len(pts))\n";
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, f.toString()).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("ok 44"), out);
        }
    }

    static boolean h5pyAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import h5py").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
