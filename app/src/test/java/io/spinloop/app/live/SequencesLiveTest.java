package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.TestBenches;
import io.spinloop.measurements.MeasurementFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code measure sequences --live} (a child JVM on the emulated bench) streams each repeat's zero-span reading with
 * its drive, the source's panel and the progress, ending with the run's exit code.
 */
class SequencesLiveTest {
    @TempDir
    Path dir;

    @Test
    void aLiveSequenceRecordingStreamsItsZeroSpanReadings() throws Exception {
        Path out = dir.resolve("seq.h5");
        try (ChildSpinloop c = ChildSpinloop.start("measure", "sequences", "--config",
                TestBenches.defaultBench().toString(), "--device", "stno-a", "--out", out.toString(), "--sequences",
                "2", "--repeats", "2", "--length", "20", "--live")) {
            String url = LiveViewBrowserTest.liveUrl(c);
            int port = Integer.parseInt(url.replaceAll("^http://127\\.0\\.0\\.1:(\\d+)/.*$", "$1"));
            List<String> events = RawHttp.events(port, "/events?" + url.substring(url.indexOf("token=")),
                    got -> got.stream().anyMatch(e -> e.contains("\"type\":\"end\"")));
            assertTrue(c.process().waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, c.process().exitValue(), c.drain());
            String last = events.stream().filter(e -> e.contains("\"type\":\"zerospan\"")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no zero-span reading: " + events));
            assertTrue(last.contains("\"drive_A\":[") && last.contains("\"power_W\":["), last);
            assertTrue(events.stream().anyMatch(e -> e.contains("\"type\":\"source\"") && e.contains("smu-a")
                    && e.contains("\"output_on\":false")), "the panel shows the source off at the end: " + events);
            assertTrue(events.stream().anyMatch(e -> e.contains("\"done\":4") && e.contains("\"total\":4")), events
                    .toString());
            assertTrue(events.stream().anyMatch(e -> e.contains("\"type\":\"end\"") && e.contains("\"exit\":0")),
                    "the page is told how the run ended: " + events);
            assertEquals(2, MeasurementFile.open(out).requireSequences().repeats());
        }
    }
}
