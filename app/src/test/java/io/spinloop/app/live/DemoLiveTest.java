package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.TestBenches;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --quick --live} (a child JVM on the emulated bench) sends each of its stages to the page: the
 * characterisation sweep's points, each device's twin fan as its fit ends, the twin's and the chip's learning curves,
 * and the test figure of every stage, for the forecast and for the digits.
 */
class DemoLiveTest {
    @TempDir
    Path dir;

    @Test
    void theDemoSendsItsStagesToThePage() throws Exception {
        List<String> events;
        try (ChildSpinloop c = ChildSpinloop.start("demo", "--quick", "--config",
                TestBenches.defaultBench().toString(), "--out", dir.resolve("demo").toString(), "--live")) {
            events = LivePage.of(c).eventsUntil(got -> LivePage.any(got, "\"type\":\"end\""));
            assertTrue(c.process().waitFor(5, TimeUnit.MINUTES));
            assertEquals(0, c.process().exitValue(), c.drain());
        }
        assertTrue(LivePage.any(events, "\"type\":\"end\"", "\"exit\":0"));
        assertTrue(LivePage.any(events, "\"type\":\"point\""), "the characterisation sweep");
        for (String device : List.of("stno-a", "stno-b", "stno-c")) {
            assertTrue(LivePage.any(events, "\"type\":\"fan\"", "\"device\":\"" + device + "\""), "the fan of " + device);
        }
        assertTrue(LivePage.any(events, "\"type\":\"epoch\"", "\"curve\":\"twin, noise-aware\"", "twin test MSE"));
        assertTrue(LivePage.any(events, "\"type\":\"epoch\"", "\"curve\":\"chip in the loop\"", "chip test MSE"));
        for (String stage : List.of("twin", "chip, deployed", "chip, after chip-in-the-loop",
                "reservoir on chip (baseline)", "linear taps (baseline)")) {
            assertTrue(LivePage.any(events, "\"type\":\"figure\"", "\"stage\":\"" + stage + "\"",
                    "\"figure\":\"test MSE\""), stage);
        }
        assertTrue(LivePage.any(events, "\"type\":\"figure\"", "\"stage\":\"chip, deployed\"",
                "\"figure\":\"digits test accuracy\""), "the digits stage");
    }
}
