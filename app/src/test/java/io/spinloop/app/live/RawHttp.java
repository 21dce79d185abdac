package io.spinloop.app.live;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.1 written by hand, so a test can send exactly the headers a hostile page or a rebinding attack would
 * (the JDK's client refuses to set Host).
 */
final class RawHttp {
    private RawHttp() {
    }

    record Answer(int status, String head, String body) {
    }

    /** Sends {@code method target} to 127.0.0.1:{@code port} with {@code headers} ("Name: value") and reads it all. */
    static Answer send(int port, String method, String target, String... headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
            boolean host = false;
            for (String h : headers) {
                req.append(h).append("\r\n");
                host |= h.regionMatches(true, 0, "Host:", 0, 5);
            }
            if (!host) {
                req.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            req.append("Connection: close\r\nContent-Length: 0\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = all.indexOf("\r\n\r\n");
            String head = split < 0 ? all : all.substring(0, split);
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, split < 0 ? "" : all.substring(split + 4));
        }
    }

    /**
     * Reads the event stream at {@code target} until what came satisfies {@code enough}; returns their JSON. A
     * chunked body (what the server sends a stream of unknown length as) is decoded first, so an event that spans
     * two chunks is read whole and no chunk-size line is taken for a line of the stream.
     */
    static List<String> events(int port, String target, java.util.function.Predicate<List<String>> enough)
            throws IOException {
        List<String> got = new ArrayList<>();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            InputStream in = new BufferedInputStream(s.getInputStream());
            String head = head(in);
            InputStream body = chunked(head) ? new ChunkedBody(in) : in;
            BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String line;
            while (!enough.test(got) && (line = r.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    got.add(line.substring("data: ".length()));
                }
            }
        }
        return got;
    }

    /** The status line and headers, up to the blank line that ends them (which is read, not returned). */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.substring(0, head.length() - 4);
            }
        }
        throw new EOFException("the connection closed in the response's head: " + head);
    }

    /** Whether the head says {@code Transfer-Encoding: chunked} (the last coding, as RFC 9112 has it). */
    private static boolean chunked(String head) {
        for (String field : head.split("\r\n")) {
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).trim().equalsIgnoreCase("Transfer-Encoding")
                    && field.substring(colon + 1).trim().toLowerCase(java.util.Locale.ROOT).endsWith("chunked")) {
                return true;
            }
        }
        return false;
    }

    /** A chunked body's data (RFC 9112 7.1): each chunk a hex size line, its bytes and CRLF; size 0 ends it. */
    static final class ChunkedBody extends InputStream {
        private final InputStream in;
        private long left;
        private boolean started;
        private boolean ended;

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (ended) {
                return -1;
            }
            if (left == 0) {
                if (started) {
                    expectCrlf();
                }
                started = true;
                String size = line();
                int ext = size.indexOf(';');
                left = Long.parseLong((ext < 0 ? size : size.substring(0, ext)).trim(), 16);
                if (left == 0) {
                    ended = true; // the trailer, if any, is not read: nothing of the stream is in it
                    return -1;
                }
            }
            int b = in.read();
            if (b == -1) {
                throw new EOFException("the connection closed inside a chunk, " + left + " bytes short");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int b = read(); // at least one byte, waiting for it; then what this chunk has ready, up to length
            if (b == -1) {
                return -1;
            }
            buffer[offset] = (byte) b;
            int n = 1;
            while (n < length && left > 0 && in.available() > 0) {
                buffer[offset + n++] = (byte) read();
            }
            return n;
        }

        private void expectCrlf() throws IOException {
            if (in.read() != '\r' || in.read() != '\n') {
                throw new IOException("a chunk not followed by CRLF");
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b == -1) {
                    throw new EOFException("the connection closed in a chunk's size line");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }
}
