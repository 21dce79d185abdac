package io.spinloop.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The tests' own HTTP reader against a server that answers with exactly the bytes a test gives it: an event stream
 * in chunks whose boundaries fall inside a line is read as the events that were sent.
 */
class RawHttpTest {
    /** Serves one connection: reads the request's head, writes {@code answer}, closes. */
    private static int serveOnce(ServerSocket server, byte[] answer) {
        CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                s.setSoTimeout(30_000);
                var in = s.getInputStream();
                int matched = 0;
                while (matched < 4) { // up to the blank line that ends the request's head
                    int b = in.read();
                    if (b == -1) {
                        return;
                    }
                    matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                OutputStream out = s.getOutputStream();
                out.write(answer);
                out.flush();
            } catch (IOException e) {
                // the test fails on what it read
            }
        });
        return server.getLocalPort();
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }

    @Test
    void aChunkedStreamIsReadAsItsEventsWhereverTheChunksSplitIt() throws IOException {
        String stream = "data: {\"type\":\"reset\"}\n\ndata: {\"type\":\"point\",\"done\":1}\n\n"
                + "data: {\"type\":\"end\"}\n\n";
        int a = stream.indexOf("point"); // inside the second event's line
        int b = stream.indexOf("\n", a) + 1; // between a line and its blank line
        String answer = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunk(stream.substring(0, a)) + chunk(stream.substring(a, b)) + chunk(stream.substring(b))
                + "0\r\n\r\n";
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> events = RawHttp.events(serveOnce(server, answer.getBytes(StandardCharsets.UTF_8)),
                    "/events", got -> false);
            assertEquals(List.of("{\"type\":\"reset\"}", "{\"type\":\"point\",\"done\":1}", "{\"type\":\"end\"}"),
                    events);
        }
    }

    @Test
    void aStreamWithoutChunksIsReadAsItCame() throws IOException {
        String answer = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                + "data: {\"a\":1}\n\ndata: {\"b\":2}\n\n";
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), RawHttp.events(serveOnce(server,
                    answer.getBytes(StandardCharsets.UTF_8)), "/events", got -> false));
        }
    }
}
