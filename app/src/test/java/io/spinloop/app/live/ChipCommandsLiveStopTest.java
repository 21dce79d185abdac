package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.ServedBench;
import io.spinloop.app.chip.CalibrateCommand;
import io.spinloop.app.chip.DeployCommand;
import io.spinloop.measurements.MeasurementFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code calibrate}, {@code train-on-twin}, {@code deploy} and {@code demo} with {@code --live} (child JVMs on a
 * served emulated bench, whose record the test reads): calibrate draws each twin's fan against its readings, and
 * the page's Stop ends each of them as Ctrl-C does: exit 130, every source used at 0 A with its output off, the
 * measurement files whole and valid, and no result file (calibration.json, the weights, deploy.json) written.
 */
class ChipCommandsLiveStopTest {
    @TempDir
    Path dir;

    @Test
    void calibrateDrawsTheFansThenTrainOnTwinAndDeployStopOnThePage() throws Exception {
        try (ServedBench served = ServedBench.start(dir)) {
            String bench = served.config().toString();
            Path cal = dir.resolve("cal");
            List<String> events;
            // the configured pace (lists of 100 at 51 ms a point): the deploy below must still be running when stopped
            try (ChildSpinloop c = ChildSpinloop.start("calibrate", "--config", bench, "--quick", "--pace", "as-configured", "--out",
                    cal.toString(), "--live")) {
                events = LivePage.of(c).eventsUntil(got -> LivePage.any(got, "\"type\":\"end\""));
                assertTrue(c.process().waitFor(5, TimeUnit.MINUTES));
                assertEquals(0, c.process().exitValue(), c.drain());
            }
            for (String device : List.of("stno-a", "stno-b", "stno-c")) {
                String fan = events.stream().filter(e -> e.contains("\"type\":\"fan\"") && e.contains("\"device\":\""
                        + device + "\"")).findFirst().orElseThrow(() -> new AssertionError("no fan of " + device));
                for (String part : List.of("\"quantiles\":[0.1,0.5,0.9]", "\"measured_W\":[[", "\"twin_W\":[[",
                        "\"time_s\":[", "\"drive_A\":[")) {
                    assertTrue(fan.contains(part), device + ": " + part + " in " + fan.substring(fan.length() - 300));
                }
            }
            assertTrue(Files.exists(cal.resolve(CalibrateCommand.RESULT)));

            // train-on-twin: no bench; stopped between batches, it writes no weights at all
            Path stoppedWeights = dir.resolve("stopped-weights.json");
            try (ChildSpinloop c = ChildSpinloop.start("train-on-twin", "--twins", cal.toString(), "--quick",
                    "--epochs", "100000", "--out", stoppedWeights.toString(), "--live")) {
                events = LivePage.of(c).stopOnceThenUntilEnd(got -> LivePage.any(got, "\"type\":\"epoch\"",
                        "\"curve\":\"twin\"", "\"epoch\":2,"));
                LivePage.assertStopped(c);
            }
            assertTrue(LivePage.any(events, "\"type\":\"end\"", "\"exit\":130"), events.toString());
            assertFalse(Files.exists(stoppedWeights), "a stopped train-on-twin writes no weights");

            // deploy: stopped while the chip runs the test set
            Path weights = dir.resolve("weights.json");
            Cli.Result t = Cli.run("train-on-twin", "--twins", cal.toString(), "--quick", "--epochs", "2", "--out",
                    weights.toString());
            assertEquals(0, t.exit(), t.err());
            Path deploy = dir.resolve("deploy");
            var before = LivePage.historySizes(served);
            try (ChildSpinloop c = ChildSpinloop.start("deploy", "--config", bench, "--weights", weights.toString(),
                    "--twins", cal.toString(), "--out", deploy.toString(), "--live")) {
                LivePage page = LivePage.of(c);
                LivePage.awaitOutputOn(served, before);
                events = page.stopOnceThenUntilEnd(got -> true);
                LivePage.assertStopped(c);
            }
            assertTrue(LivePage.any(events, "\"type\":\"figure\"", "\"stage\":\"twin\"", "\"figure\":\"test MSE\""),
                    "the twin's test figure is on the page: " + events);
            assertTrue(LivePage.any(events, "\"type\":\"forecast\"", "\"stage\":\"twin\"", "\"target\":[",
                    "\"predicted\":["), "the twin's forecast beside the target");
            assertTrue(LivePage.any(events, "\"type\":\"end\"", "\"exit\":130"), events.toString());
            LivePage.assertSourcesSafe(served);
            assertFalse(Files.exists(deploy.resolve(DeployCommand.RESULT)), "a stopped deploy writes no result");
        }
    }

    @Test
    void calibrateStopsOnThePageWithItsRecordingsWhole() throws Exception {
        try (ServedBench served = ServedBench.start(dir)) {
            Path cal = dir.resolve("cal");
            try (ChildSpinloop c = ChildSpinloop.start("calibrate", "--config", served.config().toString(), "--quick",
                    "--out", cal.toString(), "--live")) {
                LivePage page = LivePage.of(c);
                LivePage.awaitOutputOn(served, LivePage.historySizes(served));
                List<String> events = page.stopOnceThenUntilEnd(got -> true);
                LivePage.assertStopped(c);
                assertTrue(LivePage.any(events, "\"type\":\"end\"", "\"exit\":130"), events.toString());
            }
            LivePage.assertSourcesSafe(served);
            assertFalse(Files.exists(cal.resolve(CalibrateCommand.RESULT)), "a stopped calibration writes no summary");
            try (Stream<Path> files = Files.exists(cal) ? Files.list(cal) : Stream.empty()) {
                for (Path h5 : files.filter(p -> p.toString().endsWith(".h5")).toList()) {
                    H5dump.assertValid(h5);
                    MeasurementFile.open(h5); // read and checked
                }
            }
        }
    }

    @Test
    void demoStopsOnThePageDuringItsSweepWithTheFileWhole() throws Exception {
        try (ServedBench served = ServedBench.start(dir)) {
            Path out = dir.resolve("demo");
            try (ChildSpinloop c = ChildSpinloop.start("demo", "--quick", "--config", served.config().toString(),
                    "--out", out.toString(), "--live")) {
                LivePage page = LivePage.of(c);
                ServedBench.awaitProgress(c, 5);
                List<String> events = page.stopOnceThenUntilEnd(got -> true);
                LivePage.assertStopped(c);
                assertTrue(LivePage.any(events, "\"type\":\"point\""), "the demo's sweep is drawn: " + events);
                assertTrue(LivePage.any(events, "\"type\":\"end\"", "\"exit\":130"), events.toString());
            }
            LivePage.assertSourcesSafe(served);
            Path h5 = out.resolve("characterise.h5");
            H5dump.assertValid(h5);
            assertTrue(MeasurementFile.open(h5).sweeps().get(0).points() >= 5, "the points measured are kept");
            assertFalse(Files.exists(out.resolve("summary.json")), "a stopped demo writes no report");
        }
    }
}
