package io.spinloop.app.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.spinloop.app.cli.JsonOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The run's events, kept and fanned out to every open page. Two kinds: a series (points of p(I), epochs of a curve)
 * is kept whole so a page opened mid-run draws everything so far; a state (the spectrum now, a source's panel, the
 * progress) keeps only its latest value. The run's thread only hands an event over: turning it into JSON and
 * writing it to the pages happens on the hub's own thread, so a slow page never slows the measurement.
 */
final class EventHub implements AutoCloseable {
    /** A series longer than this keeps its last events only (a page still gets the state and the newest points). */
    private static final int MAX_SERIES = 200_000;
    /** Events a page may lag behind before it is dropped (its browser reconnects and gets the state afresh). */
    private static final int PAGE_QUEUE = 4096;
    static final String CLOSED = "";
    /** An event is one line of a server-sent event stream. */
    static final ObjectWriter ONE_LINE = JsonOutput.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private final ExecutorService encoder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "spinloop-live-events");
        t.setDaemon(true);
        return t;
    });
    /** Hands a throttled state to the encoder once its interval has passed (it encodes nothing itself). */
    private final java.util.concurrent.ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "spinloop-live-timer");
                t.setDaemon(true);
                return t;
            });
    private final Map<String, Throttled> throttled = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> series = new ArrayList<>();
    private final Map<String, String> states = new LinkedHashMap<>();
    private final List<BlockingQueue<String>> pages = new CopyOnWriteArrayList<>();
    /** First on every new page's stream: drop what you drew, the state so far follows. */
    private static final String RESET = "{\"type\":\"reset\"}";

    /**
     * Publishes {@code event} of {@code type}; {@code key} names the state it replaces (null: a series event).
     * Stamps it with the time it happened (ms since the epoch), which the page compares with when it drew it.
     */
    void publish(String type, String key, Map<String, Object> event) {
        publish(type, key, () -> event);
    }

    /** As {@link #publish(String, String, Map)}, the event built on the hub's thread (what costs time to build). */
    void publish(String type, String key, java.util.function.Supplier<Map<String, Object>> event) {
        long at = System.currentTimeMillis();
        try {
            encoder.execute(() -> fanOut(type, key, event.get(), at));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the view has closed (the command is reporting its end): the terminal alone says it
        }
    }

    /**
     * Publishes a state that changes at every point (the spectrum, the progress, a source's panel) at most once per
     * {@code intervalMs}, the latest winning: the run's thread only stores it, and nothing is built or encoded for the
     * values in between. A spectrum of 1001 points is 3003 numbers of JSON: sent at every point of a fast sweep,
     * their encoding took the hub's thread half as much CPU as the measurement itself (JFR profile of
     * LiveViewBenchmarkTest), CPU the measurement shares. Whatever waits is sent before the run's end
     * ({@link #flushThrottled()}).
     */
    void publishThrottled(String type, String key, java.util.function.Supplier<Map<String, Object>> event,
                          long intervalMs) {
        long at = System.currentTimeMillis();
        Throttled t = throttled.computeIfAbsent(type + "/" + key, k -> new Throttled(type, key));
        t.latest.set(new Pending(event, at));
        if (t.scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, t.lastSentMs + intervalMs - at);
            try {
                timer.schedule(() -> send(t), wait, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the view has closed
            }
        }
    }

    /** Hands every throttled state still waiting to the encoder now (before the run's end is published). */
    void flushThrottled() {
        for (Throttled t : throttled.values()) {
            send(t);
        }
    }

    private void send(Throttled t) {
        try {
            encoder.execute(() -> {
                t.scheduled.set(false);
                Pending p = t.latest.getAndSet(null);
                if (p != null) {
                    t.lastSentMs = System.currentTimeMillis();
                    fanOut(t.type, t.key, p.event.get(), p.at);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the view has closed
        }
    }

    private record Pending(java.util.function.Supplier<Map<String, Object>> event, long at) {
    }

    /** One throttled state: the latest value waiting, whether a send is scheduled, when it was last sent. */
    private static final class Throttled {
        final String type;
        final String key;
        final java.util.concurrent.atomic.AtomicReference<Pending> latest = new java.util.concurrent.atomic.AtomicReference<>();
        final java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();
        volatile long lastSentMs;

        Throttled(String type, String key) {
            this.type = type;
            this.key = key;
        }
    }

    private void fanOut(String type, String key, Map<String, Object> event, long at) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("t", at);
        e.putAll(event);
        String json;
        try {
            json = ONE_LINE.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("live event " + type + " is not JSON: " + ex.getMessage(), ex);
        }
        synchronized (this) {
            if (key == null) {
                series.add(json);
                if (series.size() > MAX_SERIES) {
                    series.subList(0, series.size() - MAX_SERIES).clear();
                }
            } else {
                states.remove(type + "/" + key);
                states.put(type + "/" + key, json);
            }
            for (BlockingQueue<String> q : pages) {
                if (!q.offer(json)) {
                    pages.remove(q); // too far behind: its writer ends, the browser reconnects to the state
                    q.clear();
                    q.offer(CLOSED);
                }
            }
        }
    }

    /** A new page's queue, holding the series and the states so far, then every event as it comes. */
    synchronized BlockingQueue<String> subscribe() {
        BlockingQueue<String> q = new ArrayBlockingQueue<>(1 + series.size() + states.size() + PAGE_QUEUE);
        q.add(RESET);
        q.addAll(series);
        q.addAll(states.values());
        pages.add(q);
        return q;
    }

    void unsubscribe(BlockingQueue<String> q) {
        pages.remove(q);
    }

    /** Waits until every event published so far has been handed to the pages' queues. */
    void drain() {
        try {
            encoder.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // nothing more to hand over in time: the pages keep what they have
        }
    }

    /** Ends every page's stream once it has written what it was given. */
    @Override
    public void close() {
        flushThrottled();
        timer.shutdownNow();
        drain();
        synchronized (this) {
            for (BlockingQueue<String> q : pages) {
                q.offer(CLOSED);
            }
            pages.clear();
        }
        encoder.shutdown();
    }
}
