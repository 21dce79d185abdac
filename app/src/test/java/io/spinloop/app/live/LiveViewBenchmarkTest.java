package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.ServedBench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Live view" numbers: a sweep's points per second without {@code --live}, with it and nobody watching,
 * and with the page open in headless Chromium; the page's latency from point measured to point drawn; the page's
 * weight. Prints them; asserts only what is not a timing. A quick 101-point sweep by default;
 * {@code -Dspinloop.liveBenchmark.points=601} for the README's figures.
 */
class LiveViewBenchmarkTest {
    private static final Pattern RATE = Pattern.compile("\"points_per_s\"\\s*:\\s*([0-9.Ee+-]+)");

    @TempDir
    Path dir;

    private static double rate(String log) {
        Matcher m = RATE.matcher(log);
        assertTrue(m.find(), log);
        return Double.parseDouble(m.group(1));
    }

    private static ChildSpinloop sweep(ServedBench served, Path out, int points, boolean live) throws Exception {
        List<String> args = new ArrayList<>(List.of("measure", "sweep", "--config", served.config().toString(),
                "--device", "stno-a", "--out", out.toString(), "--from", "0", "--to", "3e-3", "--step",
                String.format(Locale.ROOT, "%.9g", 3e-3 / (points - 1)), "--json", "--quiet"));
        if (live) {
            args.add("--live");
        }
        return ChildSpinloop.start(args.toArray(String[]::new));
    }

    private static String finish(ChildSpinloop child) throws Exception {
        assertTrue(child.process().waitFor(10, TimeUnit.MINUTES), child.log());
        String log = child.drain();
        assertEquals(0, child.process().exitValue(), log);
        return log;
    }

    @Test
    void pointsPerSecondWithAndWithoutTheLiveViewLatencyAndPageWeight() throws Exception {
        int points = Integer.getInteger("spinloop.liveBenchmark.points", 101);
        try (ServedBench served = ServedBench.start(dir)) {
            double plain;
            try (ChildSpinloop c = sweep(served, dir.resolve("plain.h5"), points, false)) {
                plain = rate(finish(c));
            }
            double unwatched;
            try (ChildSpinloop c = sweep(served, dir.resolve("unwatched.h5"), points, true)) {
                unwatched = rate(finish(c));
            }
            double watched;
            LatencySummary latency;
            long weight = 0;
            try (HeadlessChromium chrome = HeadlessChromium.start(dir.resolve("profile"));
                 ChildSpinloop c = sweep(served, dir.resolve("watched.h5"), points, true)) {
                String url = LiveViewBrowserTest.liveUrl(c);
                int port = Integer.parseInt(url.replaceAll("^http://127\\.0\\.0\\.1:(\\d+)/.*$", "$1"));
                String token = url.substring(url.indexOf("token=") + 6);
                chrome.driver().get(url);
                chrome.await(d -> Boolean.TRUE.equals(chrome.js("return window.spinloop.ended")));
                latency = LatencySummary.of((List<?>) chrome.js("return window.spinloop.latenciesMs"));
                watched = rate(finish(c));
                assertEquals(io.spinloop.measurements.MeasurementFile.open(dir.resolve("watched.h5")).sweeps().get(0)
                        .points(), chrome.number("return window.spinloop.pointsDrawn"));
                // the page's weight: what a tab loads before the events, served by the same server while it runs
                try (LiveView v = LiveView.serve("127.0.0.1", 0, "weight", System.out)) {
                    String t = v.url().substring(v.url().indexOf("token=") + 6);
                    int p = Integer.parseInt(v.url().replaceAll("^http://127\\.0\\.0\\.1:(\\d+)/.*$", "$1"));
                    for (String path : List.of("/", "/assets/live.js", "/assets/live.css", "/assets/uPlot.iife.min.js",
                            "/assets/uPlot.min.css")) {
                        RawHttp.Answer a = RawHttp.send(p, "GET", path + "?token=" + t);
                        assertEquals(200, a.status(), path);
                        weight += a.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "live view benchmark, %d-point sweep on a served emulated bench:%n"
                    + "  points/s: without --live %.1f, --live with no page %.1f, --live with the page open %.1f%n"
                    + "  %s%n  page weight: %d bytes (page, its script and style, uPlot)%n", points, plain, unwatched,
                    watched, latency.line("page open from the start"), weight);
        }
    }
}
