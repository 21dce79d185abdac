package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.ServedBench;
import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.measurements.MeasurementFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The live view of a real {@code measure sweep --live} (a child JVM on a served emulated bench) in headless
 * Chromium: what the page draws, what it requests, and what its Stop does to the bench and the file.
 */
class LiveViewBrowserTest {
    @TempDir
    Path dir;

    static String liveUrl(ChildSpinloop child) {
        String line = child.awaitLine(l -> l.contains("live view at http://"));
        return line.substring(line.indexOf("http://")).trim();
    }

    private static ChildSpinloop liveSweep(ServedBench served, Path out) throws Exception {
        // 301 currents settling 20 ms each: several seconds of run, so the page sees it grow
        Path slower = served.configWith("    settle_s:", "    settle_s: 0.02");
        return ChildSpinloop.start("measure", "sweep", "--config", slower.toString(), "--device", "stno-a",
                "--out", out.toString(), "--from", "0", "--to", "3e-3", "--step", "1e-5", "--live");
    }

    @Test
    void thePointsDrawnGrowDuringTheSweepMatchTheFileAndNoRequestLeavesLoopback() throws Exception {
        Path out = dir.resolve("live.h5");
        try (ServedBench served = ServedBench.start(dir);
             HeadlessChromium chrome = HeadlessChromium.start(dir.resolve("profile"));
             ChildSpinloop child = liveSweep(served, out)) {
            String url = liveUrl(child);
            chrome.driver().get(url);
            long first = chrome.await(d -> {
                long n = chrome.number("return window.spinloop.pointsDrawn");
                return n > 0 ? n : null;
            });
            long later = chrome.await(d -> {
                long n = chrome.number("return window.spinloop.pointsDrawn");
                return n > first ? n : null;
            });
            assertTrue(later > first);
            chrome.await(d -> Boolean.TRUE.equals(chrome.js("return window.spinloop.ended")));
            assertEquals(0, child.process().waitFor(60, TimeUnit.SECONDS) ? child.process().exitValue() : -1,
                    child.log());
            long drawn = chrome.number("return window.spinloop.pointsDrawn");
            assertEquals(MeasurementFile.open(out).sweeps().get(0).points(), drawn, "every recorded point is drawn");
            assertEquals(301, drawn);
            assertTrue(chrome.driver().findElement(By.id("instruments")).getText().contains("smu-a"),
                    "the instrument panel shows the source");
            List<String> urls = chrome.requestedUrls();
            String origin = url.substring(0, url.indexOf('/', "http://".length()) + 1);
            assertTrue(urls.size() >= 5, "page, 4 assets, events: " + urls);
            for (String u : urls) {
                // the browser's own pages (its new tab: chrome://...) never reach a network
                if (!u.startsWith("chrome://") && !u.startsWith("about:") && !u.startsWith("data:")) {
                    assertTrue(u.startsWith(origin), "a request left " + origin + ": " + u);
                }
            }
            List<?> latencies = (List<?>) chrome.js("return window.spinloop.latenciesMs");
            System.out.println(LatencySummary.of(latencies).line("measure sweep --live, 301 points, headless Chromium"));
        }
    }

    @Test
    void stopEndsTheRunWithTheSourceAtZeroOutputOffAndAValidFile() throws Exception {
        Path out = dir.resolve("stopped.h5");
        try (ServedBench served = ServedBench.start(dir);
             HeadlessChromium chrome = HeadlessChromium.start(dir.resolve("profile"));
             ChildSpinloop child = liveSweep(served, out)) {
            chrome.driver().get(liveUrl(child));
            chrome.await(d -> chrome.number("return window.spinloop.pointsDrawn") >= 5);
            chrome.driver().findElement(By.id("stop")).click();
            assertTrue(child.process().waitFor(90, TimeUnit.SECONDS), "the run stops");
            String log = child.drain();
            assertEquals(130, child.process().exitValue(), "the exit code of an interrupted run\n" + log);
            assertTrue(log.contains("stopped on request"), log);
            List<SourceEvent> history = served.emulator().history("smu-a");
            SourceEvent last = history.get(history.size() - 1);
            assertFalse(last.outputOn(), "output off at the end: " + last);
            assertEquals(0.0, last.flowingCurrent(), 1e-12, "no current at the end: " + last);
            ServedBench.assertNoStepAbove(ServedBench.STEP_LIMIT_A, history);
            int recorded = MeasurementFile.open(out).sweeps().get(0).points(); // read and checked to its end
            assertTrue(recorded >= 5 && recorded < 301, "stopped midway: " + recorded + " points");
            assertFalse(Files.exists(out.resolveSibling(out.getFileName() + ".journal")), "journal folded into the file");
            H5dump.assertValid(out);
            chrome.await(d -> Boolean.TRUE.equals(chrome.js("return window.spinloop.ended")));
            assertEquals(130L, chrome.number("return window.spinloop.exit"), "the page says how it ended");
        }
    }
}
