package io.spinloop.emulator.server;

import io.spinloop.emulator.instruments.Instrument;
import io.spinloop.emulator.scpi.MessageInterpreter;
import io.spinloop.emulator.scpi.Response;
import io.spinloop.emulator.scpi.ScpiError;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket SCPI server for one instrument (the LAN "socket" interface of port 5025): messages end in
 * {@code \n} (a preceding {@code \r} is ignored), replies end in {@code \n}. One thread per client connection,
 * reading through a buffer and writing each reply with a single write, with Nagle's algorithm off, so a short
 * query costs one round trip. Several clients may connect at once; their messages execute one at a time.
 */
public final class ScpiServer implements Closeable {
    /** A message longer than this without a terminator overruns the input buffer (−363). */
    private static final int MAX_MESSAGE = 16 << 20;

    private final Instrument instrument;
    private final ConnectionFaults faults;
    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean closed;

    /**
     * Binds and starts serving.
     *
     * @param port 0 for an ephemeral port
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public ScpiServer(Instrument instrument, InetAddress bindAddress, int port, ConnectionFaults faults)
            throws IOException {
        this.instrument = instrument;
        this.faults = faults;
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        try {
            ss.bind(new InetSocketAddress(bindAddress, port), 50);
        } catch (IOException e) {
            ss.close();
            throw new IOException("cannot serve instrument '" + instrument.name() + "' on "
                    + bindAddress.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        this.serverSocket = ss;
        this.acceptor = new Thread(this::acceptLoop, "emulator-" + instrument.name() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The address clients connect to. */
    public InetSocketAddress address() {
        return new InetSocketAddress(serverSocket.getInetAddress(), serverSocket.getLocalPort());
    }

    public Instrument instrument() {
        return instrument;
    }

    /** Number of client connections open now. */
    public int openConnections() {
        return clients.size();
    }

    /** Closes every client connection now; the server keeps accepting new ones. */
    public void dropConnections() {
        for (Client c : clients) {
            c.close();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = serverSocket.accept();
                s.setTcpNoDelay(true);
                Client c = new Client(s, connectionCount.incrementAndGet());
                clients.add(c);
                c.thread.start();
            } catch (IOException e) {
                if (!closed) {
                    // Accept failures (descriptor exhaustion) are transient: back off, keep serving.
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            // closing anyway
        }
        dropConnections();
        try {
            acceptor.join(1000);
            for (Client c : clients) {
                c.thread.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One client connection and the thread that serves it. */
    private final class Client {
        private final Socket socket;
        private final Thread thread;
        private final SplittableRandom garbler;
        private volatile boolean dropped;

        Client(Socket socket, int id) {
            this.socket = socket;
            this.garbler = new SplittableRandom(id);
            this.thread = new Thread(this::serve, "emulator-" + instrument.name() + "-client-" + id);
            thread.setDaemon(true);
        }

        void close() {
            dropped = true;
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
            thread.interrupt();
        }

        private void serve() {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                MessageInterpreter interpreter = instrument.interpreter(this);
                Response response = new Response();
                byte[] buf = new byte[8192];
                int start = 0;
                int end = 0;
                int scanFrom = 0;
                boolean overrun = false;
                while (!closed) {
                    int nl = -1;
                    for (int i = scanFrom; i < end; i++) {
                        if (buf[i] == '\n') {
                            nl = i;
                            break;
                        }
                    }
                    if (nl < 0) {
                        if (start > 0) {
                            System.arraycopy(buf, start, buf, 0, end - start);
                            end -= start;
                            start = 0;
                        }
                        scanFrom = end;
                        if (end == buf.length) {
                            if (buf.length >= MAX_MESSAGE) {
                                if (!overrun) {
                                    instrument.report(ScpiError.INPUT_BUFFER_OVERRUN.code(),
                                            ScpiError.INPUT_BUFFER_OVERRUN.text());
                                }
                                overrun = true;
                                end = 0;
                                scanFrom = 0;
                            } else {
                                byte[] grown = new byte[buf.length * 2];
                                System.arraycopy(buf, 0, grown, 0, end);
                                buf = grown;
                            }
                        }
                        int r = in.read(buf, end, buf.length - end);
                        if (r < 0 || dropped) {
                            return; // a read racing with a drop may still return bytes: they were never received
                        }
                        end += r;
                        continue;
                    }
                    int len = nl - start;
                    if (len > 0 && buf[nl - 1] == '\r') {
                        len--;
                    }
                    if (overrun) {
                        overrun = false; // the tail of an overrun message is discarded
                    } else if (!handle(buf, start, len, interpreter, response, out)) {
                        dropConnections();
                        return;
                    }
                    start = nl + 1;
                    scanFrom = start;
                }
            } catch (IOException | RuntimeException e) {
                // The client went away, or was dropped; the instrument lives on.
            } finally {
                clients.remove(this);
            }
        }

        /** Executes one message and writes its reply; false when a fault says to drop the connections. */
        private boolean handle(byte[] buf, int off, int len, MessageInterpreter interpreter, Response response,
                               OutputStream out) throws IOException {
            ConnectionFaults.Action action = faults.onMessage();
            response.clear();
            instrument.execute(interpreter, buf, off, len, response);
            if (action.drop()) {
                return false;
            }
            if (response.length() == 0) {
                return true;
            }
            ConnectionFaults.Action reply = faults.onReply();
            if (reply.delayNanos() > 0) {
                try {
                    Thread.sleep(reply.delayNanos() / 1_000_000, (int) (reply.delayNanos() % 1_000_000));
                } catch (InterruptedException e) {
                    throw new SocketException("interrupted while holding back a late reply");
                }
            }
            if (reply.garble()) {
                byte[] b = response.array();
                for (int i = 0; i < response.length() - 1; i++) {
                    b[i] = (byte) ('!' + garbler.nextInt(94));
                }
            }
            out.write(response.array(), 0, response.length());
            out.flush();
            return true;
        }
    }
}
