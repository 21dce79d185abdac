package io.spinloop.app.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.ServedBench;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.MagnetEvent;
import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import io.spinloop.measurements.MeasurementFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resume} on a bench whose instruments outlived the interrupted run (a served bench: a real one as far as a
 * run can tell). After a SIGKILL the source (and a map's magnet) is still where the killed run left it: the resumed
 * run's first action on it is a ramp down from there within the ramp limits, never a jump, in the emulator's record.
 * After Ctrl-C the source was left at 0 A, off, and the resume starts from 0 A. Another unit at the source's address
 * is refused, naming the role and both identities, with the file untouched; the same unit on other firmware is
 * resumed, and the file records the firmware of the points from the resume on.
 */
class ResumeOnTheBenchTest {
    /** The exact bench's device limits (ramp_rate_A_per_s, ramp_step_A) and stno-a's magnet limits. */
    private static final double RATE = 0.5;
    private static final double STEP = ServedBench.STEP_LIMIT_A;
    private static final double MAGNET_RATE = 2.0;
    private static final double MAGNET_STEP = 0.02;

    @TempDir
    Path dir;

    private static final String[] SWEEP = {"--from", "0", "--to", "3e-3", "--step", "2.5e-5"};
    /**
     * 7 currents from 0.5 mA (the source is never at 0 A mid-row) by 4 fields above stno-a's 10.9 mT bias, where
     * the magnet carries 20 to 80 mA (never 0 A).
     */
    private static final String[] MAP = {"--from", "5e-4", "--to", "2e-3", "--step", "2.5e-4", "--field-from",
        "0.0119", "--field-to", "0.0149", "--field-step", "0.001", "--order", "snake"};

    private static String[] command(String kind, Path config, Path out, boolean resume) {
        List<String> a = new ArrayList<>(List.of("measure", kind, "--config", config.toString(), "--device", "stno-a",
                "--out", out.toString()));
        a.addAll(List.of(kind.equals("map") ? MAP : SWEEP));
        if (resume) {
            a.add("--resume");
        }
        return a.toArray(String[]::new);
    }

    @Test
    void aSweepResumedAfterSigkillFirstRampsTheLeftCurrentDown() throws Exception {
        resumeAfterSigkill("sweep", 60); // of 121 points: 1.5 mA or more left flowing
    }

    @Test
    void aMapResumedAfterSigkillFirstRampsTheLeftCurrentAndMagnetDown() throws Exception {
        resumeAfterSigkill("map", 10); // of 28: in the second field row or later, 40 mA or more in the magnet
    }

    private void resumeAfterSigkill(String kind, int killAfter) throws Exception {
        try (ServedBench served = ServedBench.start(dir)) {
            Path out = dir.resolve(kind + "-killed.h5");
            try (ChildSpinloop child = ChildSpinloop.start(command(kind, served.config(), out, false))) {
                ServedBench.awaitProgress(child, killAfter);
                child.process().destroyForcibly(); // SIGKILL: no hook, the instruments keep what they were told
                assertTrue(child.process().waitFor(30, TimeUnit.SECONDS));
            }
            EmulatedBench emulator = served.emulator();
            List<SourceEvent> before = emulator.history("smu-a");
            SourceEvent left = before.get(before.size() - 1);
            assertTrue(left.outputOn() && left.level() >= 5e-4, "the killed run left current flowing: " + left);
            List<MagnetEvent> magnetBefore = kind.equals("map") ? emulator.magnetHistory("bop-a") : List.of();

            Cli.Result r = Cli.run(command(kind, served.config(), out, true));
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("found output ON"), r.err());

            List<SourceEvent> after = emulator.history("smu-a").subList(before.size() - 1,
                    emulator.history("smu-a").size());
            assertRampsDownFirst(after, left.level());
            ServedBench.assertNoStepAbove(STEP, after);
            if (kind.equals("map")) {
                MagnetEvent leftMagnet = magnetBefore.get(magnetBefore.size() - 1);
                assertTrue(leftMagnet.outputOn() && Math.abs(leftMagnet.level()) > MAGNET_STEP,
                        "the killed map left the magnet energised: " + leftMagnet);
                List<MagnetEvent> all = emulator.magnetHistory("bop-a");
                assertMagnetRampsDownFirst(all.subList(magnetBefore.size() - 1, all.size()), leftMagnet.level());
                assertEquals(28, MeasurementFile.open(out).maps().get(0).points());
                java.util.Map<String, String> meta = MeasurementFile.open(out).info().provenance().metadata();
                for (String role : List.of("source", "analyzer", "magnet", "gaussmeter")) {
                    assertTrue(meta.get("instrument." + role + ".serial").startsWith("EMU-"), role + ": " + meta);
                }
                assertEquals("MODEL475", meta.get("instrument.gaussmeter.model"), "the map's gaussmeter, stored");
            } else {
                assertEquals(121, MeasurementFile.open(out).sweeps().get(0).points());
            }
        }
    }

    /**
     * From {@code h.get(0)} (the state the killed run left), the first change is a step down towards 0 A of at most
     * the step limit, and the steps go on down to 0 A, each within the step and rate limits, before the output goes
     * off; the bench time between steps allows the emulator's 20 us of handling lag, as BenchFixture does.
     */
    private static void assertRampsDownFirst(List<SourceEvent> h, double left) {
        double previous = left;
        SourceEvent previousEvent = h.get(0);
        int steps = 0;
        for (SourceEvent e : h.subList(1, h.size())) {
            if (e.cause() != SourceEvent.Cause.LEVEL) {
                assertEquals(SourceEvent.Cause.OUTPUT, e.cause(), "the first thing after the ramp: " + e);
                assertFalse(e.outputOn(), "the output goes off once at 0 A: " + e);
                assertEquals(0.0, previous, 1e-12, "at 0 A when the output goes off");
                break;
            }
            assertTrue(e.outputOn(), "ramped with the output on: " + e);
            double step = previous - e.level();
            assertTrue(step > 0 && step <= STEP * (1 + 1e-9), "a step down of at most " + STEP + " A: " + step
                    + " at " + e + " (from " + previous + ")");
            if (steps > 0) {
                double dt = e.time() - previousEvent.time();
                assertTrue(dt >= step / RATE * 0.98 - 20e-6, step + " A in " + dt + " s, faster than " + RATE + " A/s");
            }
            previous = e.level();
            previousEvent = e;
            steps++;
        }
        assertTrue(steps >= (int) Math.floor(left / STEP), steps + " steps down from " + left + " A");
        assertEquals(0.0, previous, 1e-12, "ramped to 0 A first: " + h.subList(0, Math.min(h.size(), 20)));
    }

    private static void assertMagnetRampsDownFirst(List<MagnetEvent> h, double left) {
        double previous = left;
        MagnetEvent previousEvent = h.get(0);
        int steps = 0;
        for (MagnetEvent e : h.subList(1, h.size())) {
            if (e.cause() != MagnetEvent.Cause.LEVEL) {
                assertEquals(0.0, previous, 1e-12, "the magnet's first ramp ends at 0 A before anything else: " + e);
                break;
            }
            double step = Math.abs(previous) - Math.abs(e.level());
            assertTrue(step > 0 && Math.abs(previous - e.level()) <= MAGNET_STEP * (1 + 1e-9),
                    "a magnet step down of at most " + MAGNET_STEP + " A: " + e + " (from " + previous + ")");
            if (steps > 0) {
                double dt = e.time() - previousEvent.time();
                assertTrue(dt >= Math.abs(previous - e.level()) / MAGNET_RATE * 0.98 - 1e-6, "magnet: too fast " + e);
            }
            previous = e.level();
            previousEvent = e;
            steps++;
        }
        assertTrue(steps >= 1, "the magnet ramped down from " + left + " A");
        assertEquals(0.0, previous, 1e-12, "magnet ramped to 0 A first: " + h.subList(0, Math.min(h.size(), 20)));
    }

    /** Ctrl-C (SIGINT) to a real sweep: the child ramps down and switches off before it ends. */
    private Path interruptedSweep(ServedBench served, String name) throws Exception {
        Path out = dir.resolve(name);
        try (ChildSpinloop child = ChildSpinloop.start(command("sweep", served.config(), out, false))) {
            ServedBench.awaitProgress(child, 40);
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.process().pid())).start();
            assertTrue(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0);
            assertTrue(child.process().waitFor(60, TimeUnit.SECONDS), "the child stops on Ctrl-C");
            child.drain();
        }
        assertTrue(Files.exists(out), "the interrupted run's file");
        return out;
    }

    @Test
    void aSweepInterruptedByCtrlCLeftZeroAmpsOffAndTheResumeStartsFromZero() throws Exception {
        try (ServedBench served = ServedBench.start(dir)) {
            Path out = interruptedSweep(served, "ctrl-c.h5");
            List<SourceEvent> before = served.emulator().history("smu-a");
            SourceEvent left = before.get(before.size() - 1);
            assertFalse(left.outputOn(), "Ctrl-C left the output off: " + left);
            assertEquals(0.0, left.level(), 1e-12, "Ctrl-C left 0 A programmed: " + left);
            int partial = MeasurementFile.open(out).sweeps().get(0).points();
            assertTrue(partial >= 40 && partial < 121, "points before Ctrl-C: " + partial);

            Cli.Result r = Cli.run(command("sweep", served.config(), out, true));
            assertEquals(0, r.exit(), r.out() + r.err());
            assertFalse(r.err().contains("found output ON"), r.err());
            List<SourceEvent> all = served.emulator().history("smu-a");
            List<SourceEvent> after = all.subList(before.size() - 1, all.size());
            SourceEvent on = after.stream().filter(SourceEvent::outputOn).findFirst().orElseThrow();
            assertEquals(0.0, on.level(), 1e-12, "the output goes on at 0 A: " + on);
            ServedBench.assertNoStepAbove(STEP, after);
            assertEquals(121, MeasurementFile.open(out).sweeps().get(0).points());
        }
    }

    /** A sweep's file left by Ctrl-C, its lab-config and where its bench served smu-a and sa-a (free ports now). */
    private record LeftBench(Path out, Path config, URI smu, URI sa) {
    }

    /** A sweep interrupted by Ctrl-C on a served bench, then the bench closed, for a test to serve another there. */
    private LeftBench interruptedSweepOnABenchSinceClosed(String name) throws Exception {
        try (ServedBench served = ServedBench.start(dir)) {
            return new LeftBench(interruptedSweep(served, name), served.config(),
                    URI.create(served.resource("smu-a")), URI.create(served.resource("sa-a")));
        }
    }

    @Test
    void anotherUnitAtTheSourcesAddressIsRefusedNamingTheRoleAndBothIdentities() throws Exception {
        LeftBench left = interruptedSweepOnABenchSinceClosed("swapped.h5");
        byte[] file = Files.readAllBytes(left.out());
        // The same ports, another 2400 at smu-a: the emulator numbers its units in the order they are declared, so
        // sa-a stays the second (the same unit as on the served bench) and smu-a is now the third, not the first.
        try (EmulatedBench other = EmulatedBench.builder().seed(3).timing(Timing.VIRTUAL)
                .device("stno-a", DeviceParameters.defaults())
                .currentSource("spare", "keithley-2400", "127.0.0.1", 0, null)
                .analyzer("sa-a", "keysight-n9030b", left.sa().getHost(), left.sa().getPort(), List.of("stno-a"))
                .currentSource("smu-a", "keithley-2400", left.smu().getHost(), left.smu().getPort(), "stno-a")
                .start()) {
            Cli.Result r = Cli.run(command("sweep", left.config(), left.out(), true));
            assertEquals(2, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("source is another unit, serial EMU-") && r.err().contains("smu-a"), r.err());
            assertTrue(r.err().contains("the file: 'KEITHLEY") && r.err().contains("now: 'KEITHLEY"), r.err());
            assertFalse(r.err().contains("analyzer is another"), "sa-a is the same model and serial: " + r.err());
        }
        assertArrayEquals(file, Files.readAllBytes(left.out()), "the refused resume left the file as it was");
    }

    @Test
    void theSameUnitOnOtherFirmwareIsResumedAndTheFileSaysWhichFirmwareTookWhichPoints() throws Exception {
        LeftBench left = interruptedSweepOnABenchSinceClosed("updated.h5");
        int partial = MeasurementFile.open(left.out()).sweeps().get(0).points();
        String firmwareBefore = MeasurementFile.open(left.out()).info().provenance().metadata()
                .get("instrument.source.firmware");
        // The same units in the same order (smu-a the first, so the same serial), smu-a behind a proxy at its old
        // address that says it now runs firmware C99.
        try (EmulatedBench again = EmulatedBench.builder().seed(3).timing(Timing.VIRTUAL)
                .device("stno-a", DeviceParameters.defaults())
                .currentSource("smu-a", "keithley-2400", "127.0.0.1", 0, "stno-a")
                .analyzer("sa-a", "keysight-n9030b", left.sa().getHost(), left.sa().getPort(), List.of("stno-a"))
                .start();
             FirmwareRewritingProxy updated = new FirmwareRewritingProxy(left.smu().getHost(), left.smu().getPort(),
                     "127.0.0.1", again.address("smu-a").getPort(), "C99")) {
            Cli.Result r = Cli.run(command("sweep", left.config(), left.out(), true));
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("now runs firmware C99"), r.err());
        }
        java.util.Map<String, String> meta = MeasurementFile.open(left.out()).info().provenance().metadata();
        assertEquals(121, MeasurementFile.open(left.out()).sweeps().get(0).points());
        assertEquals(firmwareBefore, meta.get("instrument.source.firmware"), "the firmware the run started with");
        assertEquals("C99 (spinloop emulator)", meta.get("instrument.source.firmware_from_point_" + partial),
                "the firmware of the points from the resume on: " + meta);
        assertEquals(partial, MeasurementFile.open(left.out()).interruptions().get(0).pointsBefore());
        assertFalse(meta.keySet().stream().anyMatch(k -> k.startsWith("instrument.analyzer.firmware_from")),
                "sa-a kept its firmware: " + meta);
    }
}
