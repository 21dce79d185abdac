package io.spinloop.app.bench;

import static io.spinloop.app.ServedBench.STEP_LIMIT_A;
import static io.spinloop.app.ServedBench.assertNoStepAbove;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.ServedBench;
import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.scpi.ScpiSession;
import io.spinloop.emulator.instruments.SourceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run per instrument, across processes: on a bench served as {@code spinloop emulator serve} serves it, a
 * second {@code measure sweep} on the same source is refused before it sends anything, naming the run that holds
 * it, and the emulator's record of the source shows no step above the device's {@code ramp_step_A}. And a source
 * found switched on is not ramped down in silence.
 */
class OneRunPerInstrumentTest {
    @TempDir
    Path dir;

    @Test
    void aSecondRunOnASourceInUseIsRefusedNamingTheFirst() throws Exception {
        try (ServedBench served = ServedBench.start(dir)) {
            Path second = dir.resolve("second.h5");
            // 3001 points (tens of seconds): the first run must still hold the source when the second JVM, slow to
            // start on a loaded machine, tries it; 301 points could end first (seen at a load of 16 on 2 cores)
            try (ChildSpinloop first = ServedBench.sweep(served.config(), dir.resolve("first.h5"), "0", "3e-3",
                    "1e-6")) {
                ServedBench.awaitProgress(first, 10);
                try (ChildSpinloop other = served.sweep(second)) {
                    assertTrue(other.process().waitFor(60, TimeUnit.SECONDS), "the second run must end by itself");
                    String log = other.drain();
                    // 2: refused before anything was touched (no byte sent, no file), like a config that is refused
                    assertEquals(2, other.process().exitValue(), log);
                    assertTrue(log.contains("spinloop measure sweep: instrument 'smu-a' (" + served.resource("smu-a")
                            + ") is in use by pid " + first.process().pid() + " (spinloop measure sweep --config "),
                            log);
                    assertTrue(log.matches("(?s).* since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ.*"), log);
                    assertEquals(1, log.strip().lines().count(), "one line, no stack trace:\n" + log);
                }
                assertTrue(first.process().isAlive(), "the first run goes on:\n" + first.log());
                first.process().toHandle().destroy(); // SIGTERM: stop it cleanly, the test has seen what it needs
                assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));
            }
            assertFalse(Files.exists(second), "the refused run leaves no file");
            List<SourceEvent> history = served.emulator().history("smu-a");
            assertNoStepAbove(STEP_LIMIT_A, history);
            SourceEvent last = history.get(history.size() - 1);
            assertFalse(last.outputOn(), "output off at the end: " + last);
        }
    }

    @Test
    void theClaimIsFreeAgainOnceTheRunHasEnded() throws Exception {
        try (ServedBench served = ServedBench.start(dir)) {
            Cli.Result first = Cli.run("bench", "check", "--config", served.config().toString());
            assertEquals(0, first.exit(), first.err());
            Cli.Result again = Cli.run("bench", "check", "--config", served.config().toString());
            assertEquals(0, again.exit(), again.out() + again.err());
        }
    }

    @Test
    void aSourceFoundSwitchedOnIsReportedWithItsLevelBeforeItIsRampedDown() throws Exception {
        try (ServedBench served = ServedBench.start(dir)) {
            // Another program (here a raw SCPI session) left 1.087 mA flowing and went away.
            try (ScpiSession other = ScpiSession.open("other", served.resource("smu-a"), Timeouts.DEFAULT)) {
                other.writeChecked(":SOUR:FUNC CURR");
                other.writeChecked(":SOUR:CURR 1.087e-3");
                other.writeChecked(":OUTP ON");
            }
            int before = served.emulator().history("smu-a").size();
            Cli.Result r = Cli.run("bench", "check", "--config", served.config().toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("spinloop: smu-a: found output ON at 1.087 mA; ramping to 0 A before starting"),
                    r.err());
            List<SourceEvent> after = served.emulator().history("smu-a");
            SourceEvent last = after.get(after.size() - 1);
            assertFalse(last.outputOn(), "switched off: " + last);
            assertEquals(0.0, last.level(), 1e-15, "at 0 A: " + last);
            assertNoStepAbove(STEP_LIMIT_A, after.subList(before - 1, after.size()));
        }
    }
}
