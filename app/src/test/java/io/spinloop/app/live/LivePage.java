package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.ServedBench;
import io.spinloop.emulator.instruments.SourceEvent;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The page of a live run in a child JVM, as a test talks to it: its event stream, and its Stop (the POST the button
 * sends, with the token and from the page's own origin).
 */
final class LivePage {
    private final String url;
    private final int port;

    private LivePage(String url) {
        this.url = url;
        this.port = Integer.parseInt(url.replaceAll("^http://127\\.0\\.0\\.1:(\\d+)/.*$", "$1"));
    }

    /** The page of {@code child}, once it has printed its address. */
    static LivePage of(ChildSpinloop child) {
        return new LivePage(LiveViewBrowserTest.liveUrl(child));
    }

    String url() {
        return url;
    }

    private String token() {
        return url.substring(url.indexOf("token=") + "token=".length());
    }

    /** The run's events (those so far, then as they come) until {@code enough} holds for them. */
    List<String> eventsUntil(Predicate<List<String>> enough) throws IOException {
        // the JDK's client: the stream is chunked, and an event (a fan, a spectrum) may span several chunks
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/events?token=" + token())).build();
        List<String> got = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        try (java.util.stream.Stream<String> lines = client.send(req,
                java.net.http.HttpResponse.BodyHandlers.ofLines()).body()) {
            java.util.Iterator<String> it = lines.iterator();
            // the server's keep-alive comments every few seconds let the deadline be checked while a run is quiet
            while (!enough.test(got) && it.hasNext() && System.nanoTime() < deadline) {
                String line = it.next();
                if (line.startsWith("data: ")) {
                    got.add(line.substring("data: ".length()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the events", e);
        }
        return got;
    }

    /**
     * Reads the run's events, presses Stop once {@code when} holds for them, and goes on reading until the run
     * says how it ended; returns them all.
     */
    List<String> stopOnceThenUntilEnd(Predicate<List<String>> when) throws IOException {
        boolean[] pressed = {false};
        return eventsUntil(got -> {
            if (!pressed[0] && when.test(got)) {
                pressed[0] = true;
                try {
                    stop();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return any(got, "\"type\":\"end\"");
        });
    }

    /** Whether one of {@code events} contains every one of {@code parts}. */
    static boolean any(List<String> events, String... parts) {
        return events.stream().anyMatch(e -> List.of(parts).stream().allMatch(e::contains));
    }

    /** Presses Stop. */
    void stop() throws IOException {
        RawHttp.Answer a = RawHttp.send(port, "POST", "/stop", "X-Spinloop-Token: " + token(),
                "Origin: http://127.0.0.1:" + port);
        assertEquals(200, a.status(), a.body());
    }

    /** Waits for {@code child} to end after a Stop and checks it ended as for Ctrl-C; returns its output. */
    static String assertStopped(ChildSpinloop child) throws InterruptedException {
        assertTrue(child.process().waitFor(5, TimeUnit.MINUTES), "the run stops");
        String log = child.drain();
        assertEquals(130, child.process().exitValue(), "the exit code of an interrupted run\n" + log);
        assertTrue(log.contains("stopped on request"), log);
        return log;
    }

    /** Every source of the served bench that was used ends at 0 A with its output off, never stepping too far. */
    static void assertSourcesSafe(ServedBench served) {
        int used = 0;
        for (String source : List.of("smu-a", "smu-b", "smu-c")) {
            List<SourceEvent> history = served.emulator().history(source);
            if (history.isEmpty()) {
                continue;
            }
            used++;
            SourceEvent last = history.get(history.size() - 1);
            assertFalse(last.outputOn(), source + ": output off at the end: " + last);
            assertEquals(0.0, last.flowingCurrent(), 1e-12, source + ": no current at the end: " + last);
            ServedBench.assertNoStepAbove(ServedBench.STEP_LIMIT_A, history);
        }
        assertTrue(used > 0, "the run used the bench");
    }

    /** How many events each source of the served bench has recorded so far. */
    static java.util.Map<String, Integer> historySizes(ServedBench served) {
        java.util.Map<String, Integer> m = new java.util.HashMap<>();
        for (String source : List.of("smu-a", "smu-b", "smu-c")) {
            m.put(source, served.emulator().history(source).size());
        }
        return m;
    }

    /**
     * Waits (up to five minutes) until a source of the served bench switches its output on after the events it had
     * recorded at {@code before} ({@link #historySizes}): the run is on the bench.
     */
    static void awaitOutputOn(ServedBench served, java.util.Map<String, Integer> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (String source : List.of("smu-a", "smu-b", "smu-c")) {
                List<SourceEvent> h = served.emulator().history(source);
                if (h.subList(Math.min(h.size(), before.getOrDefault(source, 0)), h.size()).stream()
                        .anyMatch(SourceEvent::outputOn)) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no source of the served bench was switched on within five minutes");
    }
}
