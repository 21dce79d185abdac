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
        // -Dspinloop.liveBenchmark.jfr=DIR: each child records a CPU profile (JFR) there, named by its output
        String jfr = System.getProperty("spinloop.liveBenchmark.jfr");
        List<String> jvm = jfr == null ? List.of() : List.of("-XX:StartFlightRecording=settings=profile,filename="
                + Path.of(jfr).toAbsolutePath().resolve(out.getFileName().toString().replace(".h5", ".jfr")));
        return ChildSpinloop.startIn(null, jvm, args.toArray(String[]::new));
    }

    private static String finish(ChildSpinloop child) throws Exception {
        assertTrue(child.process().waitFor(10, TimeUnit.MINUTES), child.log());
        String log = child.drain();
        assertEquals(0, child.process().exitValue(), log);
        return log;
    }

    /** The child's CPU time so far (user + system), sampled until it ends: what --live costs the machine. */
    private static final class CpuWatch {
        private volatile double seconds;
        private final Thread poller;

        CpuWatch(ChildSpinloop child) {
            ProcessHandle h = child.process().toHandle();
            poller = new Thread(() -> {
                while (h.isAlive()) {
                    h.info().totalCpuDuration().ifPresent(d -> seconds = d.toNanos() * 1e-9);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "benchmark-cpu");
            poller.setDaemon(true);
            poller.start();
        }

        double seconds() throws InterruptedException {
            poller.join(60_000);
            return seconds;
        }
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    @Test
    void pointsPerSecondWithAndWithoutTheLiveViewLatencyAndPageWeight() throws Exception {
        int points = Integer.getInteger("spinloop.liveBenchmark.points", 101);
        // -Dspinloop.liveBenchmark.rounds=N: the three runs N times, interleaved, so the machine's other load falls
        // on all three alike; the medians are printed with each round
        int rounds = Integer.getInteger("spinloop.liveBenchmark.rounds", 1);
        List<Double> plain = new ArrayList<>();
        List<Double> unwatched = new ArrayList<>();
        List<Double> watched = new ArrayList<>();
        List<Double> cpuPlain = new ArrayList<>();
        List<Double> cpuUnwatched = new ArrayList<>();
        List<Double> cpuWatched = new ArrayList<>();
        List<Object> latencies = new ArrayList<>();
        long weight = 0;
        try (ServedBench served = ServedBench.start(dir);
             HeadlessChromium chrome = HeadlessChromium.start(dir.resolve("profile"))) {
            for (int r = 0; r < rounds; r++) {
                String suffix = rounds == 1 ? "" : "-" + r;
                try (ChildSpinloop c = sweep(served, dir.resolve("plain" + suffix + ".h5"), points, false)) {
                    CpuWatch cpu = new CpuWatch(c);
                    plain.add(rate(finish(c)));
                    cpuPlain.add(cpu.seconds());
                }
                try (ChildSpinloop c = sweep(served, dir.resolve("unwatched" + suffix + ".h5"), points, true)) {
                    CpuWatch cpu = new CpuWatch(c);
                    unwatched.add(rate(finish(c)));
                    cpuUnwatched.add(cpu.seconds());
                }
                Path out = dir.resolve("watched" + suffix + ".h5");
                try (ChildSpinloop c = sweep(served, out, points, true)) {
                    CpuWatch cpu = new CpuWatch(c);
                    chrome.driver().get(LiveViewBrowserTest.liveUrl(c));
                    chrome.await(d -> Boolean.TRUE.equals(chrome.js("return window.spinloop.ended")));
                    latencies.addAll((List<?>) chrome.js("return window.spinloop.latenciesMs"));
                    watched.add(rate(finish(c)));
                    cpuWatched.add(cpu.seconds());
                    assertEquals(io.spinloop.measurements.MeasurementFile.open(out).sweeps().get(0).points(),
                            chrome.number("return window.spinloop.pointsDrawn"));
                }
                System.out.printf(Locale.ROOT, "  round %d: points/s %.1f / %.1f / %.1f, child CPU s %.2f / %.2f / %.2f"
                        + " (without --live / --live, no page / --live, page open)%n", r + 1, plain.get(r),
                        unwatched.get(r), watched.get(r), cpuPlain.get(r), cpuUnwatched.get(r), cpuWatched.get(r));
            }
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
        System.out.printf(Locale.ROOT, "live view benchmark, %d-point sweep on a served emulated bench, %d round(s), "
                + "medians:%n  points/s: without --live %.1f, --live with no page %.1f, --live with the page open %.1f%n"
                + "  child CPU s: without --live %.2f, --live with no page %.2f, --live with the page open %.2f%n"
                + "  %s%n  page weight: %d bytes (page, its script and style, uPlot)%n", points, rounds, median(plain),
                median(unwatched), median(watched), median(cpuPlain), median(cpuUnwatched), median(cpuWatched),
                LatencySummary.of(latencies).line("page open from the start"), weight);
    }
}
