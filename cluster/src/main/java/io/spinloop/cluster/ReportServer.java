package io.spinloop.cluster;

import io.spinloop.training.engine.ReportListener;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The driver's end of the running tasks' reports: a TCP port on the driver that each task connects to once and
 * sends (step, value) on, hearing go or stop back at once. Spark has no driver-to-task channel while a task runs:
 * accumulators reach the driver only with the task's end (too late to prune) and carry nothing back, so the tasks
 * report here. A connection must open with this server's random token; any other is dropped.
 *
 * <p>The port listens on all interfaces (executors on other hosts must reach it), so a stray or hostile client must
 * not pin the driver's threads: the handshake (token and key) has a deadline for the whole of it, not per read, so
 * one trickling a byte at a time is dropped too; and at most a few connections are in their handshake at once.
 * Beyond that the accept waits, leaving new connections in the listen backlog: a task's connection then waits a
 * little, it is not refused. A task sends its token and key as soon as it connects, so neither limit touches it;
 * after the handshake a connection waits as long as the task's epochs take.
 */
final class ReportServer implements AutoCloseable {
    static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(30);
    static final int MAX_HANDSHAKES = 32;
    private final ServerSocket server;
    private final ReportListener listener;
    private final String token;
    private final Duration handshakeDeadline;
    private final Semaphore handshakes;
    private final ScheduledExecutorService deadlines;
    private final Thread accept;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    ReportServer(ReportListener listener) throws IOException {
        this(listener, HANDSHAKE_DEADLINE, MAX_HANDSHAKES);
    }

    /** With the handshake's deadline and the number of connections that may be in their handshake at once. */
    ReportServer(ReportListener listener, Duration handshakeDeadline, int maxHandshakes) throws IOException {
        this.listener = listener;
        this.handshakeDeadline = handshakeDeadline;
        this.handshakes = new Semaphore(maxHandshakes);
        byte[] t = new byte[16];
        new SecureRandom().nextBytes(t);
        this.token = HexFormat.of().formatHex(t);
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread d = new Thread(r, "spinloop-report-deadlines");
            d.setDaemon(true);
            return d;
        });
        this.server = new ServerSocket(0);
        this.accept = new Thread(this::accept, "spinloop-report-server");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String token() {
        return token;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                handshakes.acquire();
                Socket s = server.accept();
                open.add(s);
                ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(s),
                        handshakeDeadline.toMillis(), TimeUnit.MILLISECONDS);
                Thread t = new Thread(() -> serve(s, deadline), "spinloop-report");
                t.setDaemon(true);
                t.start();
            } catch (IOException | InterruptedException e) {
                return; // closed
            }
        }
    }

    /** One task's connection: its token and key, then (step, value) pairs each answered go (true) or stop. */
    private void serve(Socket s, ScheduledFuture<?> deadline) {
        boolean handshaking = true;
        try (s; DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            if (!token.equals(in.readUTF())) {
                return;
            }
            String key = in.readUTF();
            handshaking = false;
            handshakes.release();
            if (!deadline.cancel(false)) {
                return; // the deadline closed it as the key came in
            }
            while (true) {
                int step = in.readInt();
                double value = in.readDouble();
                out.writeBoolean(listener.heard(key, step, value));
                out.flush();
            }
        } catch (EOFException | SocketException e) {
            // the task ended (or was killed) and closed its end
        } catch (IOException e) {
            // a broken connection: the task's next report fails and Spark re-runs it
        } finally {
            if (handshaking) {
                deadline.cancel(false);
                handshakes.release();
            }
            open.remove(s);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        accept.interrupt(); // it may be waiting for a handshake to end
        deadlines.shutdownNow();
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
