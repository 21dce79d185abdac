package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.lab.RunProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live server over plain HTTP: the page, its assets, the events and Stop need the printed token and the page's
 * own origin; it serves no path it does not know; a page opened mid-run gets the run so far, then what follows.
 */
class LiveServerAccessTest {
    @TempDir
    Path dir;

    private static LiveView serve() throws Exception {
        return LiveView.serve("127.0.0.1", 0, "test run", new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
    }

    private static String token(LiveView v) {
        return v.url().substring(v.url().indexOf("token=") + "token=".length());
    }

    private static int port(LiveView v) {
        String u = v.url();
        return Integer.parseInt(u.substring(u.lastIndexOf(':') + 1, u.indexOf('/', "http://".length())));
    }

    @Test
    void thePageNeedsTheTokenAndComesWithAPolicyThatKeepsItLocal() throws Exception {
        try (LiveView v = serve()) {
            assertTrue(v.url().startsWith("http://127.0.0.1:"), v.url());
            RawHttp.Answer page = RawHttp.send(port(v), "GET", "/?token=" + token(v));
            assertEquals(200, page.status());
            assertTrue(page.body().contains("content=\"" + token(v) + "\""), page.body());
            assertTrue(page.head().contains("default-src 'self'"), page.head());
            assertEquals(403, RawHttp.send(port(v), "GET", "/").status());
            assertEquals(403, RawHttp.send(port(v), "GET", "/?token=" + "0".repeat(48)).status());
            assertEquals(403, RawHttp.send(port(v), "GET", "/assets/live.js").status());
            assertEquals(403, RawHttp.send(port(v), "GET", "/events").status());
            assertEquals(200, RawHttp.send(port(v), "GET", "/assets/uPlot.iife.min.js?token=" + token(v)).status());
        }
    }

    @Test
    void requestsFromAnotherOriginOrHostAreRefusedEvenWithTheToken() throws Exception {
        try (LiveView v = serve()) {
            String page = "/?token=" + token(v);
            assertEquals(403, RawHttp.send(port(v), "GET", page, "Origin: http://evil.example").status());
            assertEquals(403, RawHttp.send(port(v), "GET", page, "Origin: null").status());
            assertEquals(403, RawHttp.send(port(v), "GET", page, "Sec-Fetch-Site: cross-site").status());
            assertEquals(403, RawHttp.send(port(v), "GET", page, "Sec-Fetch-Site: same-site").status());
            // DNS rebinding: a foreign name resolved to 127.0.0.1
            assertEquals(403, RawHttp.send(port(v), "GET", page, "Host: evil.example:" + port(v)).status());
            assertEquals(200, RawHttp.send(port(v), "GET", page, "Origin: http://127.0.0.1:" + port(v),
                    "Sec-Fetch-Site: same-origin").status());
            assertEquals(200, RawHttp.send(port(v), "GET", page, "Host: localhost:" + port(v)).status());
        }
    }

    @Test
    void boundToEveryInterfaceItAnswersThisMachinesAddressesAndTheNamesGivenOnlyWithTheToken() throws Exception {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (LiveView v = LiveView.serve("0.0.0.0", 0, List.of("labpc.example.org"), "remote run",
                new PrintStream(said, true, StandardCharsets.UTF_8))) {
            int port = port(v);
            String page = "/?token=" + token(v);
            String printed = said.toString(StandardCharsets.UTF_8);
            // the name given first, then this machine's addresses (never 0.0.0.0, which no browser can open)
            assertTrue(v.url().startsWith("http://labpc.example.org:" + port + "/?token="), v.url());
            assertTrue(printed.contains("live view at http://labpc.example.org:" + port), printed);
            assertTrue(printed.contains("live view also at http://127.0.0.1:" + port + "/?token=" + token(v)), printed);
            assertFalse(printed.contains("0.0.0.0"), printed);
            assertEquals(200, RawHttp.send(port, "GET", page, "Host: labpc.example.org:" + port).status());
            assertEquals(200, RawHttp.send(port, "GET", page, "Host: LabPC.example.org:" + port).status());
            assertEquals(200, RawHttp.send(port, "GET", page).status(), "127.0.0.1, an interface address");
            for (java.net.NetworkInterface nic : java.util.Collections.list(
                    java.net.NetworkInterface.getNetworkInterfaces())) {
                for (java.net.InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
                    if (nic.isUp() && a instanceof java.net.Inet4Address) {
                        String host = a.getHostAddress() + ":" + port;
                        assertEquals(200, RawHttp.send(port, "GET", page, "Host: " + host).status(), host);
                        assertTrue(printed.contains("http://" + host + "/?token="), host + " printed: " + printed);
                    }
                }
            }
            // any other name is refused, token or not (DNS rebinding), and the token is needed at every name
            assertEquals(403, RawHttp.send(port, "GET", page, "Host: evil.example:" + port).status());
            assertEquals(403, RawHttp.send(port, "GET", page, "Host: labpc.example.org.evil.example:" + port).status());
            assertEquals(403, RawHttp.send(port, "GET", page, "Host: 0.0.0.0:" + port).status());
            assertEquals(403, RawHttp.send(port, "GET", "/", "Host: labpc.example.org:" + port).status());
            assertEquals(403, RawHttp.send(port, "POST", "/stop", "Host: labpc.example.org:" + port).status());
            // the origin is the page's own: the Host it was loaded from, not another name of the same server
            assertEquals(200, RawHttp.send(port, "POST", "/stop", "Host: labpc.example.org:" + port,
                    "Origin: http://labpc.example.org:" + port, "X-Spinloop-Token: " + token(v)).status());
            assertEquals(403, RawHttp.send(port, "POST", "/stop", "Host: labpc.example.org:" + port,
                    "Origin: http://127.0.0.1:" + port, "X-Spinloop-Token: " + token(v)).status());
            assertEquals(403, RawHttp.send(port, "POST", "/stop", "Host: labpc.example.org:" + port,
                    "Origin: https://labpc.example.org:" + port, "X-Spinloop-Token: " + token(v)).status());
        }
    }

    @Test
    void aSpecificAddressIsAnsweredByItselfAndLoopbackByLocalhost() throws Exception {
        assertEquals(List.of("127.0.0.1", "localhost"), LiveAddresses.of("127.0.0.1"));
        assertEquals(List.of("[::1]", "localhost"), LiveAddresses.of("::1"));
        assertEquals(List.of("192.0.2.7"), LiveAddresses.of("192.0.2.7"), "no localhost for another address");
        assertEquals("fe80::1:0:0:2", LiveAddresses.compressed("fe80:0:0:0:1:0:0:2"));
        assertEquals("2001:db8::1", LiveAddresses.compressed("2001:db8:0:0:0:0:0:1"));
        assertEquals(null, LiveAddresses.refusal("labpc.example.org"));
        for (String bad : List.of("evil.example:80", "http://labpc", "a/b", "", "-x", "a..b")) {
            assertTrue(LiveAddresses.refusal(bad) != null, bad);
        }
    }

    @Test
    void aBadLiveHostIsRefusedBeforeAnythingIsServed() {
        io.spinloop.app.Cli.Result r = io.spinloop.app.Cli.run("measure", "sweep", "--config",
                io.spinloop.app.TestBenches.defaultBench().toString(), "--out", dir.resolve("x.h5").toString(),
                "--live", "--live-bind", "0.0.0.0", "--live-host", "evil.example:80", "--quiet");
        assertTrue(r.err().contains("--live-host evil.example:80"), r.err());
        assertFalse(r.err().contains("live view at"), r.err());
        assertTrue(r.exit() != 0);
        assertFalse(Files.exists(dir.resolve("x.h5")));
    }

    @Test
    void stopNeedsTheTokenAndTheOwnOriginAndThenStopsTheRun() throws Exception {
        try (LiveView v = serve()) {
            AtomicInteger stops = new AtomicInteger();
            RunProgress watched = v.watch(RunProgress.silent());
            watched.stoppable(stops::incrementAndGet);
            assertEquals(403, RawHttp.send(port(v), "POST", "/stop").status());
            assertEquals(403, RawHttp.send(port(v), "POST", "/stop", "X-Spinloop-Token: " + token(v),
                    "Origin: http://evil.example").status());
            assertEquals(404, RawHttp.send(port(v), "GET", "/stop?token=" + token(v)).status(), "Stop is a POST");
            assertEquals(0, stops.get());
            assertFalse(v.stopPressed());
            assertEquals(200, RawHttp.send(port(v), "POST", "/stop", "X-Spinloop-Token: " + token(v),
                    "Origin: http://127.0.0.1:" + port(v)).status());
            assertEquals(1, stops.get());
            assertTrue(v.stopPressed());
        }
    }

    @Test
    void onlyItsOwnAssetsAreServed() throws Exception {
        try (LiveView v = serve()) {
            String t = "?token=" + token(v);
            for (String path : List.of("/assets/index.html", "/assets/../../pom.xml", "/assets/%2e%2e/index.html",
                    "/etc/passwd", "/io/spinloop/app/live/live.js", "/api/runs", "/assets/uPlot.LICENSE")) {
                assertEquals(404, RawHttp.send(port(v), "GET", path + t).status(), path);
            }
        }
    }

    @Test
    void aPageOpenedMidRunGetsTheRunSoFarThenWhatFollows() throws Exception {
        try (LiveView v = serve()) {
            RunProgress run = v.watch(RunProgress.silent());
            for (int i = 0; i < 3; i++) {
                run.spectrum(new RunProgress.Spectrum(i * 1e-4, new double[] {1, 2}, new double[] {-80, -70},
                        () -> new double[] {-80, -71}, 1.5, 1e-9, 1e6));
                run.pointsDone(i + 1, 5);
            }
            String events = "/events?token=" + token(v);
            // the progress is a throttled state: it may be encoded before the last points (series events), so a
            // page has the run so far once it has both
            java.util.function.Predicate<List<String>> allThree = got -> got.stream()
                    .anyMatch(e -> e.contains("\"done\":3"))
                    && got.stream().filter(e -> e.contains("\"type\":\"point\"")).count() >= 3;
            List<String> first = RawHttp.events(port(v), events, allThree);
            assertTrue(first.get(0).contains("\"reset\""), first.toString());
            assertEquals(3, first.stream().filter(e -> e.contains("\"type\":\"point\"")).count(), first.toString());
            // a second tab opened later gets the same points first (the series), then the latest states, in no
            // fixed order among themselves: read until the progress and the spectrum have both come
            List<String> second = RawHttp.events(port(v), events, allThree.and(got -> got.stream()
                    .anyMatch(e -> e.contains("\"type\":\"spectrum\""))));
            assertTrue(second.get(0).contains("\"reset\""), second.toString());
            assertEquals(first.stream().filter(e -> e.contains("\"type\":\"point\"")).toList(),
                    second.subList(1, 4), "the same run so far in every tab");
            assertEquals(1, second.stream().filter(e -> e.contains("\"type\":\"spectrum\"")).count(), "latest only");
            // and what follows
            run.spectrum(new RunProgress.Spectrum(4e-4, new double[] {1, 2}, new double[] {-80, -70},
                    () -> new double[] {-80, -71}, 1.5, 1e-9, 1e6));
            run.pointsDone(4, 5);
            List<String> third = RawHttp.events(port(v), events, got -> got.stream()
                    .anyMatch(e -> e.contains("\"done\":4"))
                    && got.stream().filter(e -> e.contains("\"type\":\"point\"")).count() >= 4);
            assertEquals(4, third.stream().filter(e -> e.contains("\"type\":\"point\"")).count(), third.toString());
        }
    }

    @Test
    void aCatalogServesOnlyTheRunsOfItsFolder() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("outside.h5"), "not in the folder");
        Files.writeString(runs.resolve("broken.h5"), "not HDF5");
        Files.createSymbolicLink(runs.resolve("link.h5"), dir.resolve("outside.h5"));
        try (LiveServer s = LiveServer.forCatalog("127.0.0.1", 0, new RunCatalog(runs))) {
            String t = s.url().substring(s.url().indexOf("token="));
            RawHttp.Answer list = RawHttp.send(s.port(), "GET", "/api/runs?" + t);
            assertEquals(200, list.status());
            assertTrue(list.body().contains("broken.h5"), list.body());
            assertFalse(list.body().contains("link.h5"), "a link out of the folder is not one of its runs: " + list.body());
            for (String name : List.of("../outside.h5", "link.h5", "%2Fetc%2Fpasswd", "..%2Foutside.h5")) {
                assertEquals(404, RawHttp.send(s.port(), "GET", "/api/run?" + t + "&name=" + name).status(), name);
            }
            assertEquals(403, RawHttp.send(s.port(), "GET", "/api/runs").status());
            assertEquals(404, RawHttp.send(s.port(), "GET", "/events?" + t).status(), "a catalog has no run events");
        }
    }
}
