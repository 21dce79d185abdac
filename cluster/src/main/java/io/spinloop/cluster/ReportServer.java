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
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The driver's end of the running tasks' reports: a TCP port on the driver that each task connects to once and
 * sends (step, value) on, hearing go or stop back at once. Spark has no driver-to-task channel while a task runs:
 * accumulators reach the driver only with the task's end (too late to prune) and carry nothing back, so the tasks
 * report here. A connection must open with this server's random token; any other is dropped.
 */
final class ReportServer implements AutoCloseable {
    private final ServerSocket server;
    private final ReportListener listener;
    private final String token;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    ReportServer(ReportListener listener) throws IOException {
        this.listener = listener;
        byte[] t = new byte[16];
        new SecureRandom().nextBytes(t);
        this.token = HexFormat.of().formatHex(t);
        this.server = new ServerSocket(0);
        Thread accept = new Thread(this::accept, "spinloop-report-server");
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
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "spinloop-report");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One task's connection: its token and key, then (step, value) pairs each answered go (true) or stop. */
    private void serve(Socket s) {
        try (s; DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            if (!token.equals(in.readUTF())) {
                return;
            }
            String key = in.readUTF();
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
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
