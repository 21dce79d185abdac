package io.spinloop.drivers.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Message framing over a {@link ByteLink}: one buffered read loop for both media. Reads fill a buffer
 * in large chunks and messages are cut from it (no per-byte system calls); a message is handed out
 * only once its terminator has arrived, so a timeout mid-message returns nothing at all.
 */
final class FramedTransport implements Transport {

    /** Opens the byte link; called again by {@link #reopen()}. */
    interface LinkOpener {
        ByteLink open(int timeoutMillis) throws IOException;
    }

    private static final int INITIAL_BUFFER = 64 * 1024;

    private final String resource;
    private final LinkOpener opener;
    private final byte[] writeTerminator;
    private final byte readTerminatorLast;
    private final boolean stripCarriageReturn;
    private ByteLink link;
    private byte[] in = new byte[INITIAL_BUFFER];
    private int start;
    private int end;
    private byte[] out = new byte[256];
    private int timeoutMillis;
    private boolean stale;
    /** A serial line or device file: after a timeout the line is kept, not reopened (see {@link #keepLineAfterTimeout}). */
    private boolean keepLine;
    /** The link itself failed (an I/O error or its end): only a real reopen helps. */
    private boolean broken;
    private boolean keptLine;

    FramedTransport(String resource, Terminator terminator, Duration timeout, LinkOpener opener) {
        this.resource = resource;
        this.opener = opener;
        this.writeTerminator = terminator.bytes();
        this.readTerminatorLast = terminator.lastByte();
        // Instruments set to LF sometimes end replies with CR LF; a CR is never part of a SCPI reply.
        this.stripCarriageReturn = terminator != Terminator.CR;
        this.timeoutMillis = toMillis(timeout);
    }

    /**
     * For a serial line or a usbtmc device file: a reopen after a timeout keeps the link and the bytes already read.
     * Closing and opening the port flushes its buffers, which would lose the head of a late reply (or of the answer
     * to the resync's own *IDN?) while its tail still arrives; the session skips late replies instead.
     */
    FramedTransport keepLineAfterTimeout() {
        keepLine = true;
        return this;
    }

    /** Opens the link for the first time. */
    FramedTransport open() {
        link = openLink();
        return this;
    }

    private ByteLink openLink() {
        try {
            return opener.open(timeoutMillis);
        } catch (java.net.UnknownHostException e) {
            String m = describe(e); // TcpLink names the host and the resource; a bare host name is not enough
            throw new TransportException(m.contains(resource) ? m : "unknown host '" + m + "' in resource " + resource, e);
        } catch (IOException e) {
            throw new TransportException("cannot open " + resource + ": " + describe(e), e);
        }
    }

    @Override
    public String resource() {
        return resource;
    }

    @Override
    public void send(String message) {
        ByteLink l = requireLink(message);
        int n = message.length();
        int total = n + writeTerminator.length;
        if (out.length < total) {
            out = new byte[Math.max(total, out.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            char c = message.charAt(i);
            if (c == '\n' || c > 0xFF) {
                throw new IllegalArgumentException("command to " + resource + " contains "
                        + (c == '\n' ? "a newline" : "a non-Latin-1 character") + ": '" + message + "'");
            }
            out[i] = (byte) c;
        }
        System.arraycopy(writeTerminator, 0, out, n, writeTerminator.length);
        try {
            l.write(out, 0, total);
        } catch (IOException e) {
            stale = true;
            broken = true;
            throw new TransportException("sending '" + message + "' to " + resource + " failed: " + describe(e), e);
        }
    }

    /**
     * Sends bytes as they are, no terminator added: data a protocol has already framed (the Prologix controller's
     * escaped data, which may carry CR and LF quoted by ESC).
     */
    void sendRaw(byte[] bytes, int length, String what) {
        ByteLink l = requireLink(what);
        try {
            l.write(bytes, 0, length);
        } catch (IOException e) {
            stale = true;
            broken = true;
            throw new TransportException("sending '" + what + "' to " + resource + " failed: " + describe(e), e);
        }
    }

    @Override
    public String receive(String command) {
        requireLink(command);
        int scanned = 0; // bytes after start already searched for the terminator
        long deadline = 0;
        while (true) {
            for (int i = start + scanned; i < end; i++) {
                if (in[i] == readTerminatorLast) {
                    int stop = i;
                    if (stripCarriageReturn && stop > start && in[stop - 1] == '\r') {
                        stop--;
                    }
                    String message = new String(in, start, stop - start, StandardCharsets.ISO_8859_1);
                    start = i + 1;
                    if (start == end) {
                        start = end = 0;
                    }
                    return message;
                }
            }
            scanned = end - start;
            if (deadline == 0) {
                deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            }
            fill(command, deadline);
        }
    }

    @Override
    public int receiveByte(String command) {
        requireLink(command);
        if (start == end) {
            fill(command, System.nanoTime() + timeoutMillis * 1_000_000L);
        }
        int b = in[start++] & 0xFF;
        if (start == end) {
            start = end = 0;
        }
        return b;
    }

    @Override
    public void receiveExact(byte[] destination, int offset, int length, String command) {
        requireLink(command);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        int copied = 0;
        while (copied < length) {
            if (start == end) {
                fill(command, deadline);
            }
            int n = Math.min(length - copied, end - start);
            System.arraycopy(in, start, destination, offset + copied, n);
            copied += n;
            start += n;
            if (start == end) {
                start = end = 0;
            }
        }
    }

    /** Reads at least one more byte into the buffer, or throws; discards the partial message on failure. */
    private void fill(String command, long deadline) {
        if (start > 0 && end == in.length) {
            System.arraycopy(in, start, in, 0, end - start);
            end -= start;
            start = 0;
        } else if (end == in.length) {
            byte[] bigger = new byte[in.length * 2];
            System.arraycopy(in, 0, bigger, 0, end);
            in = bigger;
        }
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw timeout(command);
            }
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (remaining + 999_999) / 1_000_000));
            int n;
            try {
                n = link.read(in, end, in.length - end, millis);
            } catch (IOException e) {
                int partial = end - start;
                discard();
                broken = true;
                throw new TransportException("reading the reply to '" + command + "' from " + resource
                        + " failed after " + partial + " bytes: " + describe(e), e);
            }
            if (n > 0) {
                end += n;
                return;
            }
            if (n < 0) {
                int partial = end - start;
                discard();
                broken = true;
                throw new TransportException(resource + " closed the connection while we awaited the reply to '"
                        + command + "'" + (partial > 0 ? " (" + partial + " bytes of it had arrived)" : "")
                        + "; reconnect to continue");
            }
        }
    }

    private TransportTimeoutException timeout(String command) {
        int partial = end - start;
        String head = partial == 0 ? "" : ", only " + partial + " bytes of it arrived: '"
                + printable(in, start, Math.min(partial, 40)) + (partial > 40 ? "...'" : "'");
        if (keepLine) {
            stale = true; // the bytes stay: they are the head of the reply still coming, in order
        } else {
            discard();
        }
        return new TransportTimeoutException("no complete reply to '" + command + "' from " + resource
                + " within " + timeoutMillis + " ms" + head);
    }

    private void discard() {
        start = end = 0;
        stale = true;
    }

    private static String printable(byte[] b, int from, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = from; i < from + len; i++) {
            int c = b[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }

    private ByteLink requireLink(String command) {
        if (link == null) {
            throw new TransportException(resource + " is closed; cannot handle '" + command + "'");
        }
        return link;
    }

    @Override
    public Duration timeout() {
        return Duration.ofMillis(timeoutMillis);
    }

    @Override
    public void setTimeout(Duration timeout) {
        this.timeoutMillis = toMillis(timeout);
    }

    @Override
    public boolean needsReopen() {
        return stale || link == null;
    }

    /**
     * Keeps reading on the same link after a timeout, for a caller that is discarding input until a known answer
     * (the Prologix controller's resynchronization): reopening would flush that answer too.
     */
    void resumeAfterTimeout() {
        stale = false;
    }

    @Override
    public void reopen() {
        if (keepLine && !broken && link != null) {
            stale = false;
            keptLine = true;
            return;
        }
        keptLine = false;
        closeLink();
        start = end = 0;
        link = openLink();
        stale = false;
        broken = false;
    }

    @Override
    public boolean keptLineOnReopen() {
        return keptLine;
    }

    @Override
    public void close() {
        closeLink();
    }

    private void closeLink() {
        ByteLink l = link;
        link = null;
        if (l != null) {
            try {
                l.close();
            } catch (IOException ignored) {
                // Closing a dead link can fail; there is nothing left to release.
            }
        }
    }

    private static int toMillis(Duration d) {
        long ms = d.toMillis();
        if (ms <= 0) {
            throw new IllegalArgumentException("timeout must be at least 1 ms, got " + d);
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return resource;
    }
}
