package io.spinloop.emulator.server;

import io.spinloop.emulator.instruments.Instrument;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A HiSLIP 1.0 server (IVI-6.1) for several emulated instruments on one port (4880 on a real instrument), each a
 * sub-address ({@code hislip0}, {@code hislip1}, ...), in synchronized mode. A session is a synchronous channel
 * ({@code Initialize} with the sub-address; {@code InitializeResponse} with the session id) and an asynchronous one
 * ({@code AsyncInitialize} with that id). Synchronous: {@code Data}/{@code DataEnd} (a message runs at its
 * DataEnd; its reply goes back as DataEnd with the same message id, split into Data messages over the client's
 * maximum message size), {@code Trigger} ({@code *TRG}), {@code DeviceClearComplete} (answered with
 * {@code DeviceClearAcknowledge} after any reply of before the clear). Asynchronous:
 * {@code AsyncMaximumMessageSize}, {@code AsyncDeviceClear} (queued messages and a reply held back are dropped),
 * {@code AsyncLock}, {@code AsyncLockInfo}, {@code AsyncRemoteLocalControl}, {@code AsyncStatusQuery}. An unknown
 * message gets an {@code Error}; a broken initialization a {@code FatalError}, and the connection ends. The
 * instruments run through the same interpreters and {@link ConnectionFaults} as on their raw sockets
 * ({@link InstrumentLink}). Two threads per session.
 */
public final class HislipServer implements Closeable {
    /** HiSLIP's IANA port. */
    public static final int DEFAULT_PORT = 4880;
    /** The largest message payload this server takes. */
    public static final long MAX_MESSAGE_SIZE = 1 << 20;
    private static final long VERSION_1_0 = 0x0100;
    private static final int VENDOR = ('S' << 8) | 'L';

    private final Map<String, ServedInstrument> devices;
    private final ServerSocket server;
    private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger nextSession = new AtomicInteger(1);
    private volatile boolean closed;

    /**
     * Binds and starts serving.
     *
     * @param devices sub-address ({@code hislip0}, case-insensitive) to instrument
     * @param port    0 for an ephemeral port
     * @throws IOException naming the port that cannot be bound
     */
    public HislipServer(Map<String, ServedInstrument> devices, InetAddress bindAddress, int port) throws IOException {
        Map<String, ServedInstrument> d = new LinkedHashMap<>();
        devices.forEach((name, device) -> d.put(name.toLowerCase(Locale.ROOT), device));
        this.devices = d;
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(bindAddress, port));
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot serve HiSLIP on " + bindAddress.getHostAddress() + ":" + port + ": "
                    + e.getMessage(), e);
        }
        this.server = s;
        Thread t = new Thread(this::acceptLoop, "emulator-hislip-accept");
        t.setDaemon(true);
        t.start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** Sub-address to instrument name, for listing. */
    public Map<String, String> devices() {
        Map<String, String> m = new LinkedHashMap<>();
        devices.forEach((n, d) -> m.put(n, d.instrument().name()));
        return m;
    }

    /** Closes both channels of every session with {@code instrument} (a fault, a power cycle). */
    public void dropConnections(Instrument instrument) {
        for (Session s : sessions.values()) {
            if (s.device.instrument() == instrument) {
                s.close();
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
                s.setTcpNoDelay(true);
            } catch (IOException e) {
                return;
            }
            Thread t = new Thread(() -> serve(s), "emulator-hislip-client");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The first message says which channel a connection is. */
    private void serve(Socket s) {
        Session session = null;
        try {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            HislipFrame first = HislipFrame.read(in, MAX_MESSAGE_SIZE);
            if (first == null) {
                s.close();
                return;
            }
            if (first.type() == HislipFrame.INITIALIZE) {
                String sub = new String(first.payload(), StandardCharsets.ISO_8859_1).trim().toLowerCase(Locale.ROOT);
                ServedInstrument device = devices.get(sub.isEmpty() ? "hislip0" : sub);
                if (device == null) {
                    fatal(out, 0, "no device '" + sub + "' here; sub-addresses: " + devices.keySet());
                    s.close();
                    return;
                }
                session = new Session(nextSession.getAndIncrement(), device, s);
                sessions.put(session.id, session);
                HislipFrame.of(HislipFrame.INITIALIZE_RESPONSE, 0, (VERSION_1_0 << 16) | session.id).writeTo(out);
                session.serveSync(in);
            } else if (first.type() == HislipFrame.ASYNC_INITIALIZE) {
                session = sessions.get((int) (first.parameter() & 0xFFFF));
                if (session == null || session.async != null) {
                    fatal(out, 3, "AsyncInitialize names session " + first.parameter() + ", which has no synchronous"
                            + " channel waiting");
                    s.close();
                    return;
                }
                session.async = s;
                HislipFrame.of(HislipFrame.ASYNC_INITIALIZE_RESPONSE, 0, VENDOR).writeTo(out);
                session.serveAsync(in, out);
            } else {
                fatal(out, 3, "the first message must be Initialize or AsyncInitialize, got type " + first.type());
                s.close();
            }
        } catch (IOException e) {
            // the client went away, or broke the protocol
        } finally {
            if (session != null) {
                session.close();
            } else {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    private static void fatal(OutputStream out, int code, String text) throws IOException {
        new HislipFrame(HislipFrame.FATAL_ERROR, code, 0, text.getBytes(StandardCharsets.ISO_8859_1)).writeTo(out);
    }

    private static void error(OutputStream out, int code, String text) throws IOException {
        synchronized (out) {
            new HislipFrame(HislipFrame.ERROR, code, 0, text.getBytes(StandardCharsets.ISO_8859_1)).writeTo(out);
        }
    }

    /** One client session: both channels and the link executing its messages. */
    private final class Session {
        final int id;
        final ServedInstrument device;
        final Socket sync;
        final OutputStream syncOut;
        final InstrumentLink link;
        volatile Socket async;
        volatile long clientMaxMessage = Long.MAX_VALUE;

        Session(int id, ServedInstrument device, Socket sync) throws IOException {
            this.id = id;
            this.device = device;
            this.sync = sync;
            this.syncOut = sync.getOutputStream();
            this.link = new InstrumentLink(device.instrument(), device.faults(),
                    () -> dropConnections(device.instrument()), this::reply,
                    "emulator-hislip-" + device.instrument().name() + "-session-" + id);
        }

        /** A reply (or its first part, when a fault breaks the connection) with the id of the message it answers. */
        private void reply(byte[] bytes, boolean end, long messageId) throws IOException {
            long chunk = Math.max(1, Math.min(clientMaxMessage, Integer.MAX_VALUE));
            synchronized (syncOut) {
                int off = 0;
                do {
                    int n = (int) Math.min(chunk, bytes.length - off);
                    boolean last = off + n == bytes.length;
                    byte[] part = java.util.Arrays.copyOfRange(bytes, off, off + n);
                    new HislipFrame(last && end ? HislipFrame.DATA_END : HislipFrame.DATA, 0, messageId, part)
                            .writeTo(syncOut);
                    off += n;
                } while (off < bytes.length);
            }
        }

        void serveSync(InputStream in) throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            HislipFrame m;
            while ((m = HislipFrame.read(in, MAX_MESSAGE_SIZE)) != null) {
                switch (m.type()) {
                    case HislipFrame.DATA, HislipFrame.DATA_END -> {
                        if (async == null) {
                            synchronized (syncOut) {
                                fatal(syncOut, 2, "Data before the asynchronous channel was initialized");
                            }
                            return;
                        }
                        message.write(m.payload(), 0, m.payload().length);
                        if (m.type() == HislipFrame.DATA_END) {
                            link.submit(message.toByteArray(), m.parameter());
                            message.reset();
                        }
                    }
                    case HislipFrame.TRIGGER -> link.submit("*TRG".getBytes(StandardCharsets.US_ASCII), m.parameter());
                    case HislipFrame.DEVICE_CLEAR_COMPLETE -> {
                        message.reset();
                        // after every reply of before the clear: the link delivers replies under the same monitor
                        link.ordered(() -> {
                            synchronized (syncOut) {
                                HislipFrame.of(HislipFrame.DEVICE_CLEAR_ACKNOWLEDGE, 0, 0).writeTo(syncOut);
                            }
                        });
                    }
                    default -> error(syncOut, 1, "unrecognized message type " + m.type()
                            + " on the synchronous channel");
                }
            }
        }

        void serveAsync(InputStream in, OutputStream out) throws IOException {
            HislipFrame m;
            while ((m = HislipFrame.read(in, MAX_MESSAGE_SIZE)) != null) {
                switch (m.type()) {
                    case HislipFrame.ASYNC_MAXIMUM_MESSAGE_SIZE -> {
                        long size = 0;
                        for (byte b : m.payload()) {
                            size = (size << 8) | (b & 0xFF);
                        }
                        clientMaxMessage = m.payload().length == 8 && size > 0 ? size : Long.MAX_VALUE;
                        byte[] ours = new byte[8];
                        for (int i = 0; i < 8; i++) {
                            ours[i] = (byte) (MAX_MESSAGE_SIZE >>> (56 - 8 * i));
                        }
                        new HislipFrame(HislipFrame.ASYNC_MAXIMUM_MESSAGE_SIZE_RESPONSE, 0, 0, ours).writeTo(out);
                    }
                    case HislipFrame.ASYNC_DEVICE_CLEAR -> {
                        link.clear();
                        HislipFrame.of(HislipFrame.ASYNC_DEVICE_CLEAR_ACKNOWLEDGE, 0, 0).writeTo(out);
                    }
                    case HislipFrame.ASYNC_LOCK -> HislipFrame.of(HislipFrame.ASYNC_LOCK_RESPONSE, 1, 0).writeTo(out);
                    case HislipFrame.ASYNC_LOCK_INFO -> HislipFrame.of(HislipFrame.ASYNC_LOCK_INFO_RESPONSE, 0, 0)
                            .writeTo(out);
                    case HislipFrame.ASYNC_REMOTE_LOCAL_CONTROL -> HislipFrame.of(
                            HislipFrame.ASYNC_REMOTE_LOCAL_RESPONSE, 0, 0).writeTo(out);
                    case HislipFrame.ASYNC_STATUS_QUERY -> HislipFrame.of(HislipFrame.ASYNC_STATUS_RESPONSE, 0, 0)
                            .writeTo(out);
                    default -> error(out, 1, "unrecognized message type " + m.type() + " on the asynchronous channel");
                }
            }
        }

        void close() {
            sessions.remove(id, this);
            link.close();
            for (Socket s : new Socket[] {sync, async}) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Session s : sessions.values()) {
            s.close();
        }
    }
}
