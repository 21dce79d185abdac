package io.spinloop.emulator.server;

import io.spinloop.emulator.instruments.Instrument;
import io.spinloop.emulator.scpi.MessageInterpreter;
import io.spinloop.emulator.scpi.Response;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Prologix GPIB-ETHERNET controller (port 1234 on the real one) with the bench's instruments on its GPIB bus, in
 * controller mode. A line that starts with an unescaped {@code ++} is a controller command; any other line is data
 * for the instrument at the current address, with ESC (27) quoting the next byte (CR, LF, ESC and '+' in data
 * arrive so) and the unescaped CR or LF ending the line, not sent to the bus. Each instrument executes its messages
 * through its own interpreter as over its raw socket; its replies wait in its output queue until the controller
 * addresses it to talk: {@code ++read eoi} (or {@code ++auto 1} after a data line) sends the whole queue, binary
 * blocks unescaped as the real controller does. With nothing queued, {@code ++read} sends nothing (the real one
 * gives up after {@code ++read_tmo_ms}). {@code ++clr} is a selected device clear: the queue and the parser state
 * of that instrument are dropped. Implemented: {@code ++addr}, {@code ++auto}, {@code ++clr}, {@code ++eoi},
 * {@code ++eos}, {@code ++ifc}, {@code ++mode}, {@code ++read}, {@code ++read_tmo_ms}, {@code ++spoll} (the
 * instrument's status byte), {@code ++ver}; others are ignored, as the real controller ignores unknown commands.
 *
 * <p>One thread per client connection: a controller serves one or two clients, never hundreds. The instruments'
 * state (error queue, status, levels) is theirs, shared with their raw sockets; the output queues and interpreters
 * are per connection, as each connection stands for a bus controller of its own.
 *
 * <p>The same controller is served on a pseudo-terminal as a Prologix GPIB-USB ({@link #servePseudoTerminal}): the
 * GPIB-USB speaks the same commands over a USB virtual COM port. Faults set on an instrument's
 * {@link ConnectionFaults} apply to its replies here as on its raw socket: a late reply is held back before the
 * controller sends it, a garbled one is sent garbled, and a cut one stops halfway, the connection then dropped (on
 * a pseudo-terminal the line stays, as a serial line does, and the rest of the reply is lost).
 */
public final class PrologixGateway implements Closeable {
    /** The real controller's port. */
    public static final int DEFAULT_PORT = 1234;
    private static final int ESC = 27;

    private final Map<Integer, Instrument> bus;
    private final Map<Integer, ConnectionFaults> faults;
    private final ServerSocket server;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Set<RandomAccessFile> terminals = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * Binds and starts serving.
     *
     * @param bus  GPIB primary address (0..30) to instrument
     * @param port 0 for an ephemeral port
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public PrologixGateway(Map<Integer, Instrument> bus, InetAddress bindAddress, int port) throws IOException {
        this(bus, Map.of(), bindAddress, port);
    }

    /**
     * Binds and starts serving, with faults injected into the replies of the instruments {@code faults} names (by
     * GPIB address).
     */
    public PrologixGateway(Map<Integer, Instrument> bus, Map<Integer, ConnectionFaults> faults, InetAddress bindAddress,
                           int port) throws IOException {
        for (int a : bus.keySet()) {
            if (a < 0 || a > 30) {
                throw new IllegalArgumentException("GPIB address " + a + " is out of range 0\u201330");
            }
        }
        this.bus = Map.copyOf(bus);
        this.faults = Map.copyOf(faults);
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(bindAddress, port));
        } catch (IOException e) {
            ss.close();
            throw new IOException("cannot serve the Prologix gateway on " + bindAddress.getHostAddress() + ":" + port
                    + ": " + e.getMessage(), e);
        }
        this.server = ss;
        this.acceptor = new Thread(this::acceptLoop, "emulator-prologix-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The address clients connect to. */
    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** GPIB address to instrument name, for listing. */
    public Map<Integer, String> addresses() {
        Map<Integer, String> m = new LinkedHashMap<>();
        bus.forEach((a, i) -> m.put(a, i.name()));
        return m;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            clients.add(s);
            Thread t = new Thread(() -> serve(s), "emulator-prologix-client");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The controller's state for one client: its settings and each instrument's interpreter and output queue. */
    private final class Session {
        private final Map<Integer, MessageInterpreter> interpreters = new HashMap<>();
        private final Map<Integer, ByteArrayOutputStream> queues = new HashMap<>();
        private final Response response = new Response();
        private final OutputStream out;
        private final Runnable hangUp;
        private final String model;
        private int address = 0;
        private boolean auto;

        Session(OutputStream out, Runnable hangUp, String model) {
            this.out = out;
            this.hangUp = hangUp;
            this.model = model;
        }

        void data(byte[] b, int len) throws IOException {
            Instrument instrument = bus.get(address);
            if (instrument == null) {
                return; // nobody listens at that address: the real controller's write times out silently
            }
            MessageInterpreter interpreter = interpreters.computeIfAbsent(address, a -> instrument.interpreter(this));
            response.clear();
            instrument.execute(interpreter, b, 0, len, response);
            queues.computeIfAbsent(address, a -> new ByteArrayOutputStream())
                    .write(response.array(), 0, response.length());
            if (auto) {
                talk();
            }
        }

        void command(String line) throws IOException {
            String[] p = line.substring(2).trim().split("\\s+", 2);
            String name = p[0].toLowerCase(java.util.Locale.ROOT);
            String arg = p.length > 1 ? p[1].trim() : "";
            switch (name) {
                case "addr" -> {
                    if (arg.isEmpty()) {
                        reply(Integer.toString(address));
                    } else {
                        int a = Integer.parseInt(arg.split("\\s+")[0]);
                        if (a >= 0 && a <= 30) {
                            address = a;
                        }
                    }
                }
                case "auto" -> {
                    if (arg.isEmpty()) {
                        reply(auto ? "1" : "0");
                    } else {
                        auto = arg.equals("1");
                    }
                }
                case "read" -> talk();
                case "clr" -> {
                    interpreters.remove(address);
                    queues.remove(address);
                }
                case "ifc" -> {
                    // Interface clear: the bus is reset, the instruments keep their queues (as the real one).
                }
                case "spoll" -> {
                    // ++spoll [addr]: the instrument's status byte, as a serial poll reads it (MAV if a reply waits)
                    int a = arg.isEmpty() ? address : Integer.parseInt(arg.split("\\s+")[0]);
                    Instrument polled = bus.get(a);
                    ByteArrayOutputStream q = queues.get(a);
                    reply(polled == null ? "0" : Integer.toString(polled.serialPoll(q != null && q.size() > 0)));
                }
                case "ver" -> reply("Prologix " + model + " Version 6.101 (spinloop emulator)");
                default -> {
                    // ++mode, ++eoi, ++eos, ++read_tmo_ms, ++eot_*: accepted; the emulated bus needs no timing.
                }
            }
        }

        /** Addresses the current instrument to talk: its whole output queue goes to the client, raw. */
        private void talk() throws IOException {
            ByteArrayOutputStream q = queues.get(address);
            if (q == null || q.size() == 0) {
                return;
            }
            byte[] bytes = q.toByteArray();
            q.reset();
            ConnectionFaults f = faults.get(address);
            if (f != null) {
                ConnectionFaults.Action a = f.onReply();
                if (a.delayNanos() > 0) {
                    try {
                        Thread.sleep(a.delayNanos() / 1_000_000, (int) (a.delayNanos() % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (a.garble()) {
                    for (int i = 0; i < bytes.length - 1; i++) {
                        bytes[i] = (byte) ('!' + (i * 31 + 7) % 94);
                    }
                }
                if (f.takeCut()) {
                    out.write(bytes, 0, bytes.length / 2);
                    out.flush();
                    hangUp.run();
                    return;
                }
            }
            out.write(bytes);
            out.flush();
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            serve(s.getInputStream(), s.getOutputStream(), "GPIB-ETHERNET", () -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // gone already
                }
            });
        } catch (IOException | RuntimeException e) {
            // the client went away, or sent what no controller understands: this connection ends, the bus lives on
        } finally {
            clients.remove(s);
        }
    }

    /**
     * Serves the controller as a Prologix GPIB-USB on a pseudo-terminal (the slave end of a pair whose other end a
     * client opens as its serial port; {@link PseudoTerminalPair} makes one). Serves until the terminal goes away
     * or the gateway is closed.
     *
     * @throws IOException if the terminal cannot be opened (the message names it)
     */
    public void servePseudoTerminal(Path tty) throws IOException {
        if (!java.nio.file.Files.exists(tty) || java.nio.file.Files.isRegularFile(tty)) {
            throw new IOException("cannot serve the Prologix gateway on " + tty + ": no such terminal");
        }
        RandomAccessFile file;
        try {
            file = new RandomAccessFile(tty.toFile(), "rw");
        } catch (IOException e) {
            throw new IOException("cannot serve the Prologix gateway on " + tty + ": " + e.getMessage(), e);
        }
        terminals.add(file);
        InputStream in = new FileInputStream(file.getFD());
        OutputStream out = new FileOutputStream(file.getFD());
        Thread t = new Thread(() -> {
            try {
                // a serial line has no connection to drop: a cut reply leaves the line as it is
                serve(in, out, "GPIB-USB", () -> { });
            } catch (IOException | RuntimeException e) {
                // the terminal went away: nothing left to serve
            } finally {
                terminals.remove(file);
            }
        }, "emulator-prologix-pty");
        t.setDaemon(true);
        t.start();
    }

    /** One controller session on a byte stream (a client connection or a serial line), until its end. */
    private void serve(InputStream in, OutputStream out, String model, Runnable hangUp) throws IOException {
        Session session = new Session(out, hangUp, model);
        byte[] line = new byte[256];
        int len = 0;
        boolean escaped = false;
        int unescapedPluses = 0; // '+' bytes, unescaped, at the start of the line: two make a command
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                int b = buf[i] & 0xFF;
                if (!escaped && b == ESC) {
                    escaped = true;
                    continue;
                }
                if (!escaped && (b == '\n' || b == '\r')) {
                    if (len > 0) {
                        if (unescapedPluses >= 2) {
                            session.command(new String(line, 0, len, StandardCharsets.ISO_8859_1));
                        } else {
                            session.data(line, len);
                        }
                    }
                    len = 0;
                    unescapedPluses = 0;
                    continue;
                }
                if (!escaped && b == '+' && len == unescapedPluses && len < 2) {
                    unescapedPluses++;
                }
                escaped = false;
                if (len == line.length) {
                    line = java.util.Arrays.copyOf(line, line.length * 2);
                }
                line[len++] = (byte) b;
            }
        }
    }

    /** Closes every client connection now; the gateway keeps accepting new ones. */
    public void dropConnections() {
        for (Socket s : clients) {
            try {
                s.close();
            } catch (IOException ignored) {
                // gone
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
        dropConnections();
        for (RandomAccessFile t : terminals) {
            try {
                t.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
