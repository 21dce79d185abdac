package io.spinloop.cluster;

import io.spinloop.training.engine.Reporter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.Socket;

/**
 * A task's end of {@link ReportServer}: shipped with the task, it connects to the driver on its first report and
 * keeps the connection for the task's life. A driver that cannot be reached fails the task (Spark re-runs it).
 */
final class SocketReporter implements Reporter, Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;
    private final String host;
    private final int port;
    private final String token;
    private final String key;
    private transient Socket socket;
    private transient DataInputStream in;
    private transient DataOutputStream out;

    SocketReporter(String host, int port, String token, String key) {
        this.host = host;
        this.port = port;
        this.token = token;
        this.key = key;
    }

    @Override
    public boolean report(int step, double value) {
        try {
            if (socket == null) {
                socket = new Socket(host, port);
                socket.setTcpNoDelay(true);
                in = new DataInputStream(socket.getInputStream());
                out = new DataOutputStream(socket.getOutputStream());
                out.writeUTF(token);
                out.writeUTF(key);
            }
            out.writeInt(step);
            out.writeDouble(value);
            out.flush();
            return in.readBoolean();
        } catch (IOException e) {
            throw new UncheckedIOException("task " + key + " cannot report to the driver at " + host + ":" + port, e);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // the task is over either way
            }
        }
    }
}
