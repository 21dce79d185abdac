package io.spinloop.drivers.transport;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * A Mockito-mocked {@link ByteLink} playing an instrument in memory: each written message is answered by
 * {@code responder} (null = no reply), and the answer is delivered in chunks of at most {@code chunk} bytes
 * per read, so framing is exercised across read boundaries. A read with nothing pending waits out its
 * timeout and returns 0, like a socket.
 */
final class MockLink {
    final ByteLink link = mock(ByteLink.class);
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private int chunk;
    private int readCalls;

    MockLink(Function<String, byte[]> responder, int chunk) {
        this.chunk = chunk;
        try {
            doAnswer(inv -> {
                byte[] b = inv.getArgument(0);
                int off = inv.getArgument(1);
                int len = inv.getArgument(2);
                synchronized (this) {
                    written.write(b, off, len);
                    String text = new String(b, off, len, StandardCharsets.ISO_8859_1);
                    for (String message : text.split("\n")) {
                        byte[] reply = responder.apply(message);
                        if (reply != null) {
                            pending.add(reply);
                        }
                    }
                    notifyAll();
                }
                return null;
            }).when(link).write(any(), anyInt(), anyInt());
            doAnswer(inv -> read(inv.getArgument(0), inv.getArgument(1), inv.getArgument(2), inv.getArgument(3)))
                    .when(link).read(any(), anyInt(), anyInt(), anyInt());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Replies from {@code responder}, each given as text. */
    static MockLink text(Function<String, String> responder, int chunk) {
        return new MockLink(m -> {
            String r = responder.apply(m);
            return r == null ? null : r.getBytes(StandardCharsets.ISO_8859_1);
        }, chunk);
    }

    private synchronized int read(byte[] b, int off, int len, int timeoutMillis) throws InterruptedException {
        readCalls++;
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        byte[] head = pending.poll();
        int n = Math.min(Math.min(len, chunk), head.length);
        System.arraycopy(head, 0, b, off, n);
        if (n < head.length) {
            byte[] rest = new byte[head.length - n];
            System.arraycopy(head, n, rest, 0, rest.length);
            pending.addFirst(rest);
        }
        return n;
    }

    synchronized String written() {
        return written.toString(StandardCharsets.ISO_8859_1);
    }

    synchronized int readCalls() {
        return readCalls;
    }

    FramedTransport transport(Duration timeout) {
        return new FramedTransport("mock://instrument", Terminator.LF, timeout, t -> link).open();
    }
}
