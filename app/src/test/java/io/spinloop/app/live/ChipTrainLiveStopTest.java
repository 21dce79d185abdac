package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.app.chip.ChipTrainCommand;
import io.spinloop.app.demo.DemoCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live view's Stop on {@code chip-train --live} (a child JVM, chip in the loop on the emulated bench): the run
 * stops after the step in flight, checkpointed, says how to continue, records itself as interrupted and exits 130,
 * as for Ctrl-C.
 */
class ChipTrainLiveStopTest {
    @TempDir
    Path dir;

    @Test
    void stopOnThePageEndsChipTrainingAsCtrlCDoes() throws Exception {
        String bench = TestBenches.defaultBench().toString();
        Path demo = dir.resolve("demo");
        Cli.Result d = Cli.run("demo", "--quick", "--config", bench, "--out", demo.toString());
        assertEquals(0, d.exit(), d.err());
        Path run = dir.resolve("run");
        try (ChildSpinloop c = ChildSpinloop.start("chip-train", "--config", bench, "--weights",
                demo.resolve(DemoCommand.WEIGHTS).toString(), "--twins", demo.toString(), "--out", run.toString(),
                "--epochs", "50", "--live")) {
            String url = LiveViewBrowserTest.liveUrl(c);
            c.awaitLine(l -> l.contains("epoch 1 step 1/"));
            int port = Integer.parseInt(url.replaceAll("^http://127\\.0\\.0\\.1:(\\d+)/.*$", "$1"));
            RawHttp.Answer stop = RawHttp.send(port, "POST", "/stop", "X-Spinloop-Token: "
                    + url.substring(url.indexOf("token=") + 6), "Origin: http://127.0.0.1:" + port);
            assertEquals(200, stop.status(), stop.body());
            assertTrue(c.process().waitFor(5, TimeUnit.MINUTES), "chip-train stops");
            String log = c.drain();
            assertEquals(130, c.process().exitValue(), log);
            assertTrue(log.contains("continue with --resume"), log);
            assertTrue(Files.readString(run.resolve(ChipTrainCommand.RESULT)).contains("\"interrupted\""),
                    Files.readString(run.resolve(ChipTrainCommand.RESULT)));
            assertTrue(Files.exists(run.resolve(ChipTrainCommand.CHECKPOINT)));
        }
    }
}
