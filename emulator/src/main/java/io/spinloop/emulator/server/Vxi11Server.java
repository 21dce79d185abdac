package io.spinloop.emulator.server;

import io.spinloop.emulator.instruments.Instrument;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A VXI-11 server (VXI-11 rev 1.0, over ONC RPC on TCP, RFC 1831) for several emulated instruments, as a LAN/GPIB
 * gateway or a multi-channel box serves them: each is a device name ({@code inst0}, {@code inst1}, ...) on one core
 * channel. A portmapper (program 100000 version 2, on port 111 or another one) answers {@code GETPORT} for the core
 * channel (program 0x0607AF version 1, TCP). Core procedures: {@code create_link}, {@code device_write} (a message
 * runs once its END arrives), {@code device_read} (up to the request size, ending for END, the term char or the
 * request count; error 15 when nothing comes within the I/O timeout), {@code device_readstb}, {@code device_trigger}
 * ({@code *TRG}), {@code device_clear}, {@code device_remote}/{@code device_local} (accepted), {@code device_lock} /
 * {@code device_unlock} (another link's calls wait up to their lock timeout, then fail with error 11) and
 * {@code destroy_link}; interrupt channels, SRQ and {@code device_docmd} answer "operation not supported" (8).
 * The instruments execute through the same interpreters as on their raw sockets, with the same
 * {@link ConnectionFaults} ({@link InstrumentLink}). One thread per client connection: a VXI-11 client holds one.
 */
public final class Vxi11Server implements Closeable {
    /** The portmapper's well-known port. */
    public static final int PORTMAPPER_PORT = 111;
    /** Bytes a device_write may carry; longer messages come in several writes (as real instruments ask). */
    public static final int MAX_RECV_SIZE = 1024;
    static final int PORTMAPPER = 100000;
    static final int DEVICE_CORE = 0x0607AF;
    private static final int MAX_RECORD = 16 << 20;

    private final Map<String, ServedInstrument> devices;
    private final ServerSocket portmapper;
    private final ServerSocket core;
    private final Set<CoreConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Socket> portmapperClients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextLink = new AtomicInteger(1);
    private final Map<Instrument, Link> locks = new HashMap<>();
    private volatile boolean closed;

    /**
     * Binds both ports and starts serving.
     *
     * @param devices        device name ({@code inst0}, case-insensitive) to instrument
     * @param portmapperPort {@link #PORTMAPPER_PORT}, or another (0: ephemeral) where 111 cannot be bound
     * @param corePort       the core channel's port, 0 for an ephemeral one
     * @throws IOException naming the port that cannot be bound
     */
    public Vxi11Server(Map<String, ServedInstrument> devices, InetAddress bindAddress, int portmapperPort, int corePort)
            throws IOException {
        Map<String, ServedInstrument> d = new LinkedHashMap<>();
        devices.forEach((name, device) -> d.put(name.toLowerCase(Locale.ROOT), device));
        this.devices = d;
        this.core = bind(bindAddress, corePort, "the VXI-11 core channel");
        try {
            this.portmapper = bind(bindAddress, portmapperPort, "the VXI-11 portmapper");
        } catch (IOException e) {
            core.close();
            throw e;
        }
        start(this::acceptPortmapper, "emulator-vxi11-portmapper");
        start(this::acceptCore, "emulator-vxi11-core");
    }

    private static ServerSocket bind(InetAddress address, int port, String what) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(address, port));
            return s;
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot serve " + what + " on " + address.getHostAddress() + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    private static void start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    public InetSocketAddress portmapperAddress() {
        return new InetSocketAddress(portmapper.getInetAddress(), portmapper.getLocalPort());
    }

    public InetSocketAddress coreAddress() {
        return new InetSocketAddress(core.getInetAddress(), core.getLocalPort());
    }

    /** Device name to instrument name, for listing. */
    public Map<String, String> devices() {
        Map<String, String> m = new LinkedHashMap<>();
        devices.forEach((n, d) -> m.put(n, d.instrument().name()));
        return m;
    }

    /** Closes every core connection that has a link to {@code instrument} (a fault, a power cycle). */
    public void dropConnections(Instrument instrument) {
        for (CoreConnection c : connections) {
            if (c.links.values().stream().anyMatch(l -> l.device.instrument() == instrument)) {
                c.close();
            }
        }
    }

    private void acceptPortmapper() {
        while (!closed) {
            try {
                Socket s = portmapper.accept();
                portmapperClients.add(s);
                start(() -> servePortmapper(s), "emulator-vxi11-portmapper-client");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void acceptCore() {
        while (!closed) {
            try {
                Socket s = core.accept();
                s.setTcpNoDelay(true);
                CoreConnection c = new CoreConnection(s);
                connections.add(c);
                start(c::serve, "emulator-vxi11-core-client");
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The call being answered: its id, and where the reply goes. */
    private record Call(long xid, int program, int version, int procedure, Xdr.Reader args) {
    }

    /** Reads an RPC call; answers the ones this server cannot take (wrong RPC version, program or version). */
    private static Call readCall(InputStream in, OutputStream out, int program, int version) throws IOException {
        while (true) {
            byte[] record = Xdr.readRecord(in, MAX_RECORD);
            if (record == null) {
                return null;
            }
            Xdr.Reader r = new Xdr.Reader(record);
            long xid = r.u32();
            if (r.u32() != 0) {
                continue; // not a call: ignored, as RFC 1831 servers do
            }
            long rpcVersion = r.u32();
            int prog = r.i32();
            int vers = r.i32();
            int proc = r.i32();
            r.u32();
            r.opaque(); // credentials: any flavor is accepted
            r.u32();
            r.opaque(); // verifier
            if (rpcVersion != 2) {
                Xdr.writeRecord(out, new Xdr.Writer().u32(xid).u32(1).u32(1).u32(0).u32(2).u32(2).bytes());
                continue;
            }
            if (prog != program) {
                reply(out, xid, 1, new byte[0]);
                continue;
            }
            if (vers != version) {
                reply(out, xid, 2, new Xdr.Writer().u32(version).u32(version).bytes());
                continue;
            }
            return new Call(xid, prog, vers, proc, r);
        }
    }

    /** An accepted reply with {@code acceptStat} (0: success) and the results. */
    private static void reply(OutputStream out, long xid, int acceptStat, byte[] results) throws IOException {
        byte[] head = new Xdr.Writer().u32(xid).u32(1).u32(0).u32(0).u32(0).u32(acceptStat).bytes();
        byte[] m = new byte[head.length + results.length];
        System.arraycopy(head, 0, m, 0, head.length);
        System.arraycopy(results, 0, m, head.length, results.length);
        Xdr.writeRecord(out, m);
    }

    private void servePortmapper(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            Call call;
            while ((call = readCall(in, out, PORTMAPPER, 2)) != null) {
                switch (call.procedure()) {
                    case 0 -> reply(out, call.xid(), 0, new byte[0]); // NULL
                    case 3 -> { // GETPORT(prog, vers, prot, port)
                        long prog = call.args().u32();
                        long vers = call.args().u32();
                        long prot = call.args().u32();
                        boolean ours = prog == DEVICE_CORE && vers == 1 && prot == 6;
                        reply(out, call.xid(), 0, new Xdr.Writer().u32(ours ? core.getLocalPort() : 0).bytes());
                    }
                    case 4 -> reply(out, call.xid(), 0, new Xdr.Writer().u32(1).u32(DEVICE_CORE).u32(1).u32(6)
                            .u32(core.getLocalPort()).u32(0).bytes()); // DUMP
                    default -> reply(out, call.xid(), 3, new byte[0]); // PROC_UNAVAIL
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            portmapperClients.remove(s);
        }
    }

    /** A link: one client's session with one device, its partial message and its replies not yet read. */
    private final class Link {
        final int id = nextLink.getAndIncrement();
        final ServedInstrument device;
        final ArrayDeque<byte[]> replies = new ArrayDeque<>();
        final ArrayDeque<Boolean> ends = new ArrayDeque<>();
        final java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();
        final InstrumentLink executor;
        int offset; // into the first of replies

        Link(ServedInstrument device, Runnable drop) {
            this.device = device;
            this.executor = new InstrumentLink(device.instrument(), device.faults(), drop, this::replied,
                    "emulator-vxi11-" + device.instrument().name() + "-link");
        }

        private synchronized void replied(byte[] bytes, boolean end, long tag) {
            replies.add(bytes);
            ends.add(end);
            notifyAll();
        }

        synchronized void clearOutput() {
            replies.clear();
            ends.clear();
            offset = 0;
            synchronized (input) {
                input.reset();
            }
        }

        /** device_read: error, reason, data. */
        synchronized Object[] read(long requestSize, long timeoutMillis, boolean termSet, int termChar)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            long left;
            while (replies.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                wait(Math.max(1, left / 1_000_000));
            }
            if (replies.isEmpty()) {
                return new Object[] {15, 0, new byte[0]};
            }
            java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
            int reason = 0;
            while (!replies.isEmpty() && reason == 0) {
                byte[] head = replies.peek();
                while (offset < head.length && data.size() < requestSize) {
                    byte b = head[offset++];
                    data.write(b);
                    if (termSet && (b & 0xFF) == termChar) {
                        reason |= 2;
                        break;
                    }
                }
                if (offset == head.length) {
                    replies.poll();
                    offset = 0;
                    if (ends.poll()) {
                        reason |= 4;
                    }
                }
                if (data.size() >= requestSize) {
                    reason |= 1;
                }
            }
            return new Object[] {0, reason, data.toByteArray()};
        }
    }

    /** One client connection to the core channel, and the links it created. */
    private final class CoreConnection {
        final Socket socket;
        final Map<Integer, Link> links = new ConcurrentHashMap<>();

        CoreConnection(Socket socket) {
            this.socket = socket;
        }

        void serve() {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                Call call;
                while ((call = readCall(in, out, DEVICE_CORE, 1)) != null) {
                    byte[] results = handle(call.procedure(), call.args());
                    if (results == null) {
                        reply(out, call.xid(), 3, new byte[0]);
                    } else {
                        reply(out, call.xid(), 0, results);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client went away, or the server closes
            } finally {
                close();
            }
        }

        /** The results of a core procedure, or null for one that does not exist. */
        private byte[] handle(int procedure, Xdr.Reader a) throws IOException, InterruptedException {
            switch (procedure) {
                case 10 -> { // create_link(clientId, lockDevice, lock_timeout, device)
                    a.i32();
                    boolean lock = a.u32() != 0;
                    long lockTimeout = a.u32();
                    String name = a.string().toLowerCase(Locale.ROOT);
                    ServedInstrument device = devices.get(name);
                    if (device == null) {
                        return new Xdr.Writer().u32(3).u32(0).u32(0).u32(0).bytes(); // device not accessible
                    }
                    Link link = new Link(device, () -> dropConnections(device.instrument()));
                    if (lock && !acquire(link, lockTimeout)) {
                        link.executor.close();
                        return new Xdr.Writer().u32(11).u32(0).u32(0).u32(0).bytes();
                    }
                    links.put(link.id, link);
                    return new Xdr.Writer().u32(0).u32(link.id).u32(0).u32(MAX_RECV_SIZE).bytes();
                }
                case 11 -> { // device_write(lid, io_timeout, lock_timeout, flags, data)
                    Link link = links.get(a.i32());
                    a.u32();
                    long lockTimeout = a.u32();
                    int flags = a.i32();
                    byte[] data = a.opaque();
                    int error = link == null ? 4 : lockError(link, flags, lockTimeout);
                    if (error != 0) {
                        return new Xdr.Writer().u32(error).u32(0).bytes();
                    }
                    synchronized (link.input) { // not the link's monitor: replies arrive under it
                        link.input.write(data, 0, data.length);
                        if ((flags & 8) != 0) {
                            link.executor.submit(link.input.toByteArray(), 0);
                            link.input.reset();
                        }
                    }
                    return new Xdr.Writer().u32(0).u32(data.length).bytes();
                }
                case 12 -> { // device_read(lid, requestSize, io_timeout, lock_timeout, flags, termChar)
                    Link link = links.get(a.i32());
                    long requestSize = a.u32();
                    long ioTimeout = a.u32();
                    long lockTimeout = a.u32();
                    int flags = a.i32();
                    int termChar = a.i32() & 0xFF;
                    int error = link == null ? 4 : lockError(link, flags, lockTimeout);
                    if (error != 0) {
                        return new Xdr.Writer().u32(error).u32(0).opaque(new byte[0], 0, 0).bytes();
                    }
                    Object[] r = link.read(Math.max(1, requestSize), ioTimeout, (flags & 0x80) != 0, termChar);
                    byte[] data = (byte[]) r[2];
                    return new Xdr.Writer().u32((Integer) r[0]).u32((Integer) r[1]).opaque(data, 0, data.length)
                            .bytes();
                }
                case 13 -> { // device_readstb(generic): no status byte over the core channel here
                    Link link = links.get(a.i32());
                    return new Xdr.Writer().u32(link == null ? 4 : 8).u32(0).bytes();
                }
                case 14, 15, 16, 17 -> { // trigger, clear, remote, local (lid, flags, lock_timeout, io_timeout)
                    Link link = links.get(a.i32());
                    int flags = a.i32();
                    long lockTimeout = a.u32();
                    int error = link == null ? 4 : lockError(link, flags, lockTimeout);
                    if (error == 0 && procedure == 14) {
                        link.executor.submit("*TRG".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);
                    } else if (error == 0 && procedure == 15) {
                        link.executor.clear();
                        link.clearOutput();
                    }
                    return new Xdr.Writer().u32(error).bytes();
                }
                case 18 -> { // device_lock(lid, flags, lock_timeout)
                    Link link = links.get(a.i32());
                    int flags = a.i32();
                    long lockTimeout = a.u32();
                    if (link == null) {
                        return new Xdr.Writer().u32(4).bytes();
                    }
                    return new Xdr.Writer().u32(acquire(link, (flags & 1) != 0 ? lockTimeout : 0) ? 0 : 11).bytes();
                }
                case 19 -> { // device_unlock(lid)
                    Link link = links.get(a.i32());
                    return new Xdr.Writer().u32(link == null ? 4 : release(link) ? 0 : 12).bytes();
                }
                case 23 -> { // destroy_link(lid)
                    Link link = links.remove(a.i32());
                    if (link == null) {
                        return new Xdr.Writer().u32(4).bytes();
                    }
                    end(link);
                    return new Xdr.Writer().u32(0).bytes();
                }
                case 20, 22, 25, 26 -> { // enable_srq, docmd, create/destroy_intr_chan
                    return new Xdr.Writer().u32(8).bytes();
                }
                default -> {
                    return null;
                }
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            for (Link l : links.values()) {
                end(l);
            }
            links.clear();
            connections.remove(this);
        }
    }

    private void end(Link link) {
        release(link);
        link.executor.close();
    }

    /** 0, or 11 when another link holds the device's lock past {@code lockTimeout} (with the waitlock flag). */
    private int lockError(Link link, int flags, long lockTimeout) throws InterruptedException {
        synchronized (locks) {
            long deadline = System.nanoTime() + ((flags & 1) != 0 ? lockTimeout : 0) * 1_000_000L;
            Link holder;
            long left;
            while ((holder = locks.get(link.device.instrument())) != null && holder != link) {
                if ((left = deadline - System.nanoTime()) <= 0) {
                    return 11;
                }
                locks.wait(Math.max(1, left / 1_000_000));
            }
            return 0;
        }
    }

    private boolean acquire(Link link, long lockTimeout) throws InterruptedException {
        synchronized (locks) {
            if (lockError(link, 1, lockTimeout) != 0) {
                return false;
            }
            locks.put(link.device.instrument(), link);
            return true;
        }
    }

    private boolean release(Link link) {
        synchronized (locks) {
            boolean held = locks.remove(link.device.instrument(), link);
            locks.notifyAll();
            return held;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (ServerSocket s : new ServerSocket[] {portmapper, core}) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        for (CoreConnection c : connections) {
            c.close();
        }
        for (Socket s : portmapperClients) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
