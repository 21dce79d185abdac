package io.spinloop.app.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The local web server of the live view and of {@code data browse}: its own page and assets from the jar, the run's
 * events as server-sent events, the Stop action, and for a browse the runs of its folder. Nothing else: a path it
 * does not know is 404, a request without the token or from another origin 403.
 */
public final class LiveServer implements AutoCloseable {
    /** The page's files, by the name the page asks for: the only files this server reads from the jar. */
    private static final Map<String, String> ASSETS = Map.of(
            "live.js", "text/javascript; charset=utf-8",
            "live.css", "text/css; charset=utf-8",
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8");
    private static final String RESOURCES = "/io/spinloop/app/live/";

    private final HttpServer server;
    private final ExecutorService workers;
    private final LiveAccess access;
    private final EventHub hub;
    private final Runnable stop;
    private final RunCatalog catalog;

    private LiveServer(String bind, int port, List<String> names, EventHub hub, Runnable stop, RunCatalog catalog)
            throws IOException {
        this.hub = hub;
        this.stop = stop;
        this.catalog = catalog;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 16);
        access = LiveAccess.forServer(bind, server.getAddress().getPort(), names);
        workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "spinloop-live-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server for a running command: its events from {@code hub}; Stop runs {@code stop}. */
    static LiveServer forRun(String bind, int port, EventHub hub, Runnable stop) throws IOException {
        return forRun(bind, port, List.of(), hub, stop);
    }

    /** As {@link #forRun(String, int, EventHub, Runnable)}, also answering to the host {@code names} given. */
    static LiveServer forRun(String bind, int port, List<String> names, EventHub hub, Runnable stop)
            throws IOException {
        return new LiveServer(bind, port, names, hub, stop, null);
    }

    /** A server over the runs of a folder ({@code spinloop data browse}). */
    public static LiveServer forCatalog(String bind, int port, RunCatalog catalog) throws IOException {
        return new LiveServer(bind, port, List.of(), null, null, catalog);
    }

    /** The page's address, with its token: what the command prints. */
    public String url() {
        return urls().get(0);
    }

    /**
     * Every address the page can be opened at, with its token: the names given first, then the addresses of the
     * bound one (for a wildcard, each interface's). Only these Hosts are answered.
     */
    public List<String> urls() {
        return access.hosts().stream().filter(h -> !h.startsWith("localhost:"))
                .map(h -> "http://" + h + "/?token=" + access.token()).toList();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            String refused = access.refusal(ex);
            if (refused != null) {
                send(ex, 403, "text/plain; charset=utf-8", ("refused: " + refused + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/") && method.equals("GET")) {
                page(ex);
            } else if (path.startsWith("/assets/") && method.equals("GET")
                    && ASSETS.containsKey(path.substring("/assets/".length()))) {
                String name = path.substring("/assets/".length());
                send(ex, 200, ASSETS.get(name), resource(name));
            } else if (path.equals("/events") && method.equals("GET") && hub != null) {
                events(ex);
            } else if (path.equals("/stop") && method.equals("POST") && stop != null) {
                stop.run();
                json(ex, () -> Map.of("stopping", true));
            } else if (path.equals("/api/runs") && method.equals("GET") && catalog != null) {
                json(ex, catalog::list);
            } else if (path.equals("/api/run") && method.equals("GET") && catalog != null) {
                String name = LiveAccess.queryParameter(ex.getRequestURI(), "name");
                Object run = name == null ? null : catalog.run(name);
                if (run == null) {
                    send(ex, 404, "text/plain; charset=utf-8", "no such run\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    json(ex, () -> run);
                }
            } else {
                send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | UncheckedIOException e) {
            // the page went away mid-answer: nothing to tell it
        }
    }

    private void page(HttpExchange ex) throws IOException {
        String html = new String(resource("index.html"), StandardCharsets.UTF_8)
                .replace("{{TOKEN}}", access.token())
                .replace("{{MODE}}", catalog != null ? "browse" : "live");
        // Only our own scripts and the server's own endpoints: the page cannot load or send anything elsewhere.
        ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
        send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private void events(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        BlockingQueue<String> q = hub.subscribe();
        try (OutputStream out = ex.getResponseBody()) {
            while (true) {
                String e = q.poll(15, TimeUnit.SECONDS);
                if (e == null) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                } else if (e.equals(EventHub.CLOSED)) {
                    return;
                } else {
                    out.write(("data: " + e + "\n\n").getBytes(StandardCharsets.UTF_8));
                }
                if (q.isEmpty()) {
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.unsubscribe(q);
        }
    }

    private static void json(HttpExchange ex, Supplier<Object> body) throws IOException {
        send(ex, 200, "application/json", EventHub.ONE_LINE.writeValueAsBytes(body.get()));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = LiveServer.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("the jar has no " + RESOURCES + name);
            }
            return in.readAllBytes();
        }
    }

    /** Lets the pages take the last events, then stops serving. */
    @Override
    public void close() {
        if (hub != null) {
            hub.close();
        }
        server.stop(1);
        workers.shutdownNow();
    }
}
