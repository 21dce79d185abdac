package io.spinloop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The report port against clients that are not tasks: one that connects and says nothing, one that trickles its
 * handshake, and many at once; a task's connection is served through all of them and waits past the deadline.
 */
class ReportServerTest {
    /** Long enough that a client that fails to be closed fails the test instead of hanging it. */
    private static final int CLIENT_PATIENCE_MS = 60_000;
    private final List<String> heard = new CopyOnWriteArrayList<>();

    private ReportServer server(Duration deadline, int maxHandshakes) throws IOException {
        return new ReportServer((key, step, value) -> {
            heard.add(key + "@" + step);
            return true;
        }, deadline, maxHandshakes);
    }

    @Test
    void aConnectionThatNeverSendsItsTokenIsClosedAtTheDeadline() throws Exception {
        try (ReportServer server = server(Duration.ofMillis(300), 4);
                Socket silent = new Socket("127.0.0.1", server.port())) {
            silent.setSoTimeout(CLIENT_PATIENCE_MS);
            assertClosedByServer(silent.getInputStream());
        }
    }

    @Test
    void aHandshakeTrickledAByteAtATimeIsClosedAtTheDeadline() throws Exception {
        // A read timeout alone would never fire here: each read gets a byte well within it.
        try (ReportServer server = server(Duration.ofMillis(500), 4);
                Socket trickle = new Socket("127.0.0.1", server.port())) {
            OutputStream out = trickle.getOutputStream();
            InputStream in = trickle.getInputStream();
            out.write(new byte[] {(byte) 0xff, (byte) 0xff}); // a token of 65535 bytes to come
            trickle.setSoTimeout(50);
            for (int i = 0; i < CLIENT_PATIENCE_MS / 50; i++) {
                try {
                    out.write('a');
                    out.flush();
                    if (in.read() == -1) {
                        return;
                    }
                } catch (SocketTimeoutException e) {
                    // still open: the next byte
                } catch (SocketException e) {
                    return; // reset by the server's close
                }
            }
            fail("the trickling handshake was never closed");
        }
    }

    @Test
    void aTaskWaitsPastTheDeadlineBetweenReports() throws Exception {
        try (ReportServer server = server(Duration.ofMillis(200), 4);
                Socket task = new Socket("127.0.0.1", server.port())) {
            task.setSoTimeout(CLIENT_PATIENCE_MS);
            DataOutputStream out = handshake(task, server.token(), "trial-0");
            DataInputStream in = new DataInputStream(task.getInputStream());
            assertTrue(report(out, in, 1));
            Thread.sleep(1_000); // an epoch longer than the handshake's deadline
            assertTrue(report(out, in, 2));
            assertEquals(List.of("trial-0@1", "trial-0@2"), heard);
        }
    }

    @Test
    void silentConnectionsBeyondTheCapWaitInTheBacklogAndTasksAreServedWhenOneEnds() throws Exception {
        try (ReportServer server = server(Duration.ofHours(1), 2);
                Socket silent1 = new Socket("127.0.0.1", server.port());
                Socket silent2 = new Socket("127.0.0.1", server.port());
                Socket task = new Socket("127.0.0.1", server.port())) {
            DataOutputStream out = handshake(task, server.token(), "trial-1");
            DataInputStream in = new DataInputStream(task.getInputStream());
            out.writeInt(1);
            out.writeDouble(0.5);
            out.flush();
            // Both handshake slots are held, so the task is not even accepted yet (a cap that did not hold would
            // answer it at once).
            task.setSoTimeout(1_000);
            assertThrows(SocketTimeoutException.class, in::readBoolean);
            silent1.close();
            task.setSoTimeout(CLIENT_PATIENCE_MS);
            assertTrue(in.readBoolean());
            assertEquals(List.of("trial-1@1"), heard);
        }
    }

    @Test
    void aWrongTokenIsDropped() throws Exception {
        try (ReportServer server = server(Duration.ofHours(1), 4);
                Socket stranger = new Socket("127.0.0.1", server.port())) {
            stranger.setSoTimeout(CLIENT_PATIENCE_MS);
            try {
                DataOutputStream out = handshake(stranger, "0".repeat(32), "trial-2");
                out.writeInt(1);
                out.writeDouble(0.5);
                out.flush();
            } catch (SocketException e) {
                // the server closed the connection while the key or report was written ("Broken pipe"): dropped too
            }
            assertClosedByServer(stranger.getInputStream());
            assertEquals(List.of(), heard);
        }
    }

    private static DataOutputStream handshake(Socket s, String token, String key) throws IOException {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeUTF(token);
        out.writeUTF(key);
        out.flush();
        return out;
    }

    private static boolean report(DataOutputStream out, DataInputStream in, int step) throws IOException {
        out.writeInt(step);
        out.writeDouble(0.5);
        out.flush();
        return in.readBoolean();
    }

    private static void assertClosedByServer(InputStream in) throws IOException {
        try {
            assertEquals(-1, in.read(), "the server answered a client that never authenticated");
        } catch (SocketException e) {
            // reset by the server's close: closed too
        } catch (SocketTimeoutException e) {
            fail("the server kept an unauthenticated connection open for " + CLIENT_PATIENCE_MS + " ms");
        }
    }
}
