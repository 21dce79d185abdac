package io.spinloop.emulator.server;

import io.spinloop.emulator.instruments.Instrument;
import io.spinloop.emulator.scpi.MessageInterpreter;
import io.spinloop.emulator.scpi.Response;
import io.spinloop.emulator.scpi.ScpiError;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket SCPI server for one instrument (the LAN "socket" interface of port 5025): messages end in
 * {@code \n} (a preceding {@code \r} is ignored), replies end in {@code \n}, each written whole with Nagle's
 * algorithm off, so a short query costs one round trip. Several clients may connect at once; their messages
 * execute one at a time (the instrument's monitor), each connection's in the order sent, with its own parser
 * state; the error queue and status registers are the instrument's, shared as on a real one.
 *
 * <p>Threads (issue 12, item 13: it was one platform thread per connection, growing without bound, and a listen
 * backlog of 50, so a burst of 1,000 connects overflowed the listen queue and waited a second for SYN retries). Java
 * 17 has no virtual threads, so: one selector thread accepts and watches idle connections without blocking, and a
 * bounded pool of {@link #DEFAULT_WORKERS} workers serves connections that have a message. A thousand open
 * connections cost a thousand sockets, not a thousand threads. A worker serving a connection executes its messages
 * and then, as long as no other connection waits for a worker, waits up to {@link #HOT_MS} ms for the next one on a
 * selector of its own, so a client exchanging messages back to back costs one thread wake-up per message, as with a
 * thread of its own (handing every message from the selector thread to a worker and back cost three, and a tenth
 * of the throughput on a loaded machine); idle, or when others wait, the connection goes back to the selector
 * thread. Why workers at all, not the selector thread: a message may wait, releasing the instrument, for a sweep to
 * end or for a trigger from another instrument's connection (or, faulted, hold its reply back), and a waiting
 * message must not stop the other connections. What the thread per connection did is kept: a connection is read
 * only when it has no whole message left (a flood of input is held back by TCP, and an overlong message is an
 * overrun), its next message waits until the previous reply is handed to the kernel (a client that reads nothing
 * stalls itself, not the server, and now holds no thread while it does), closing it interrupts a message that
 * waits, and its parser state is its own while the error queue and status registers are the instrument's.
 */
public final class ScpiServer implements Closeable {
    /** Connections the kernel queues for accepting; a burst of a thousand fits (Linux caps it at somaxconn). */
    public static final int DEFAULT_BACKLOG = 1024;
    /**
     * Workers serving connections. Messages of one instrument run one at a time, so more workers only serve
     * connections whose message waits (for a sweep, a trigger, a late-reply fault) or that are mid-exchange; beyond
     * this many, connections with a message queue for a worker.
     */
    public static final int DEFAULT_WORKERS = 16;
    /** A message longer than this without a terminator overruns the input buffer (−363). */
    private static final int MAX_MESSAGE = 16 << 20;
    /** How long a worker keeps waiting for a connection's next message when nobody else needs a worker, ms. */
    private static final long HOT_MS = 50;
    /**
     * Each worker's own selector, on which it waits for the next message of the connection it serves (a channel may
     * be registered with several selectors); closed when the worker ends.
     */
    private static final ThreadLocal<Selector> HOT_SELECTOR = new ThreadLocal<>();

    private final Instrument instrument;
    private final ConnectionFaults faults;
    private final ServerSocketChannel serverChannel;
    private final Selector selector;
    private final Thread io;
    private final ThreadPoolExecutor workers;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean closed;

    /**
     * Binds and starts serving, with {@link #DEFAULT_BACKLOG} and {@link #DEFAULT_WORKERS}.
     *
     * @param port 0 for an ephemeral port
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public ScpiServer(Instrument instrument, InetAddress bindAddress, int port, ConnectionFaults faults)
            throws IOException {
        this(instrument, bindAddress, port, faults, DEFAULT_BACKLOG, DEFAULT_WORKERS);
    }

    /**
     * Binds and starts serving.
     *
     * @param port    0 for an ephemeral port
     * @param backlog connections the kernel may hold for accepting
     * @param workers threads executing messages (at most; idle ones end after a while)
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public ScpiServer(Instrument instrument, InetAddress bindAddress, int port, ConnectionFaults faults, int backlog,
                      int workers) throws IOException {
        if (backlog < 1 || workers < 1) {
            throw new IllegalArgumentException("backlog and workers must be at least 1, got " + backlog + " and "
                    + workers);
        }
        this.instrument = instrument;
        this.faults = faults;
        ServerSocketChannel ss = ServerSocketChannel.open();
        Selector sel = null;
        try {
            ss.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ss.bind(new InetSocketAddress(bindAddress, port), backlog);
            ss.configureBlocking(false);
            sel = Selector.open();
            ss.register(sel, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            ss.close();
            if (sel != null) {
                sel.close();
            }
            throw new IOException("cannot serve instrument '" + instrument.name() + "' on "
                    + bindAddress.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        this.serverChannel = ss;
        this.selector = sel;
        AtomicInteger workerCount = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workers, workers, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(() -> {
                        try {
                            r.run();
                        } finally {
                            closeHotSelector();
                        }
                    }, "emulator-" + instrument.name() + "-worker-" + workerCount.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.workers.allowCoreThreadTimeOut(true); // an idle server holds no worker
        this.io = new Thread(this::selectLoop, "emulator-" + instrument.name() + "-io");
        io.setDaemon(true);
        io.start();
    }

    /** The address clients connect to. */
    public InetSocketAddress address() {
        return new InetSocketAddress(serverChannel.socket().getInetAddress(), serverChannel.socket().getLocalPort());
    }

    public Instrument instrument() {
        return instrument;
    }

    /** Number of client connections open now. */
    public int openConnections() {
        return connections.size();
    }

    /** Closes every client connection now; the server keeps accepting new ones. */
    public void dropConnections() {
        for (Connection c : connections) {
            c.close();
        }
    }

    private void selectLoop() {
        try {
            while (!closed) {
                selector.select();
                Set<SelectionKey> ready = selector.selectedKeys();
                for (SelectionKey key : ready) {
                    try {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isAcceptable()) {
                            acceptAll();
                            continue;
                        }
                        Connection c = (Connection) key.attachment();
                        try {
                            if (key.isWritable()) {
                                c.writable();
                            }
                            if (key.isValid() && key.isReadable()) {
                                c.readable();
                            }
                        } catch (RuntimeException e) {
                            c.close(); // whatever went wrong ends this connection, not the server
                        }
                    } catch (CancelledKeyException e) {
                        // closed meanwhile
                    }
                }
                ready.clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            // closing
        }
    }

    private void acceptAll() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = serverChannel.accept();
            } catch (IOException e) {
                // Accept failures (descriptor exhaustion) are transient: back off, keep serving.
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (ch == null) {
                return;
            }
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Connection c = new Connection(ch, connectionCount.incrementAndGet());
                connections.add(c);
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
                if (closed) {
                    c.close();
                }
            } catch (IOException e) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // gone
                }
            }
        }
    }

    private static Selector hotSelector() throws IOException {
        Selector s = HOT_SELECTOR.get();
        if (s == null) {
            s = Selector.open();
            HOT_SELECTOR.set(s);
        }
        return s;
    }

    private static void closeHotSelector() {
        Selector s = HOT_SELECTOR.get();
        HOT_SELECTOR.remove();
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // ending anyway
            }
        }
    }

    /** Hands work to the pool; once the server is closed there is nobody left to do it for. */
    private void submit(Runnable task) {
        try {
            workers.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverChannel.close();
        } catch (IOException e) {
            // closing anyway
        }
        dropConnections();
        selector.wakeup();
        try {
            io.join(1000);
            workers.shutdownNow(); // interrupts messages still waiting
            workers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /**
     * One client connection: its input buffer and parser, the replies waiting to be written, and whether a worker
     * serves it. Input and output state are guarded by the connection's monitor; the instrument is never called
     * while holding it.
     */
    private final class Connection {
        private final SocketChannel channel;
        private final SplittableRandom garbler;
        private final MessageInterpreter interpreter;
        private final Response response = new Response();
        private SelectionKey key;
        // Input: buf[start, end) not yet executed; no terminator in [start, scanFrom).
        private byte[] buf = new byte[8192];
        private int start;
        private int end;
        private int scanFrom;
        private boolean overrun;
        /** An overrun to report to the instrument (not while holding this monitor). */
        private boolean overrunToReport;
        /** A worker serves this connection (or is about to); the selector thread does not read it meanwhile. */
        private boolean busy;
        /** The worker stopped until the queued output is written, as a blocking write would have. */
        private boolean awaitingOutput;
        private final ArrayDeque<ByteBuffer> output = new ArrayDeque<>();
        /** The worker serving now (executing a message or waiting for the next one), to interrupt on close. */
        private Thread owner;
        private volatile boolean dropped;

        Connection(SocketChannel channel, int id) {
            this.channel = channel;
            this.garbler = new SplittableRandom(id);
            this.interpreter = instrument.interpreter(this);
        }

        /** Closes the connection; a message it is executing (waiting for a sweep, say) is interrupted. */
        void close() {
            dropped = true;
            synchronized (this) {
                if (owner != null) {
                    owner.interrupt();
                }
                output.clear();
            }
            try {
                channel.close();
            } catch (IOException e) {
                // already closed
            }
            connections.remove(this);
            selector.wakeup(); // a registered channel's socket is released by the selector: now, not at its next event
        }

        /** Selector thread: reads what has arrived; hands the connection to a worker once a whole message is in. */
        void readable() {
            boolean serve;
            synchronized (this) {
                if (dropped || busy) {
                    return;
                }
                if (fill() < 0) {
                    close(); // the client went away; the instrument lives on
                    return;
                }
                serve = indexOfTerminator() >= 0;
                if (serve) {
                    busy = true;
                    updateInterest();
                } else {
                    scanFrom = end;
                }
            }
            reportOverrun(true);
            if (serve) {
                submit(this::serve);
            }
        }

        /**
         * Reads what the socket has into the buffer, making room first (a message longer than {@link #MAX_MESSAGE}
         * overruns: its bytes are dropped up to the next terminator). Holds the monitor; input must have no whole
         * message left. Returns the bytes read, -1 at the end of the stream.
         */
        private int fill() {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                scanFrom -= start;
                start = 0;
            }
            if (end == buf.length) {
                if (buf.length >= MAX_MESSAGE) {
                    overrunToReport |= !overrun;
                    overrun = true;
                    end = 0;
                    scanFrom = 0;
                } else {
                    byte[] grown = new byte[buf.length * 2];
                    System.arraycopy(buf, 0, grown, 0, end);
                    buf = grown;
                }
            }
            try {
                int r = channel.read(ByteBuffer.wrap(buf, end, buf.length - end));
                if (r > 0 && !dropped) { // a read racing with a drop may still return bytes: they were never received
                    end += r;
                }
                return r;
            } catch (IOException e) {
                return -1;
            }
        }

        private void reportOverrun(boolean fromSelector) {
            boolean report;
            synchronized (this) {
                report = overrunToReport;
                overrunToReport = false;
            }
            if (report) {
                Runnable r = () -> instrument.report(ScpiError.INPUT_BUFFER_OVERRUN.code(),
                        ScpiError.INPUT_BUFFER_OVERRUN.text());
                if (fromSelector) {
                    submit(r); // the selector thread never waits for the instrument
                } else {
                    r.run();
                }
            }
        }

        private int indexOfTerminator() {
            for (int i = scanFrom; i < end; i++) {
                if (buf[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        /**
         * Worker: executes the whole messages received and, while nobody else waits for a worker, keeps reading this
         * connection for up to {@link #HOT_MS} ms, so a client exchanging messages back to back costs one thread
         * wake-up per message, as with a thread of its own. Idle, or when others wait, it goes back to the selector.
         */
        void serve() {
            Selector hot = null;
            SelectionKey hotKey = null;
            synchronized (this) {
                if (dropped) {
                    return;
                }
                owner = Thread.currentThread();
            }
            try {
                while (executeAll()) {
                    if (closed || !workers.getQueue().isEmpty()) {
                        release();
                        return;
                    }
                    if (hotKey == null) {
                        hot = hotSelector();
                        hotKey = channel.register(hot, SelectionKey.OP_READ);
                    }
                    int ready = hot.select(HOT_MS);
                    hot.selectedKeys().clear();
                    if (dropped) {
                        return;
                    }
                    if (ready == 0) {
                        release(); // idle (or a wake-up meant for nobody): the selector thread watches it again
                        return;
                    }
                    int r;
                    synchronized (this) {
                        r = fill();
                    }
                    reportOverrun(false);
                    if (r < 0) {
                        close();
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                close(); // whatever went wrong ends this connection, not the worker
            } finally {
                synchronized (this) {
                    owner = null;
                    Thread.interrupted(); // an interrupt meant for this connection must not reach the next task
                }
                if (hotKey != null) {
                    hotKey.cancel();
                    try {
                        hot.selectNow(); // deregisters now, so the channel can be registered again later
                    } catch (IOException e) {
                        // the selector is broken; the worker's next use will fail and close that connection
                    }
                }
            }
        }

        /** No whole message is buffered: the selector thread reads this connection again. */
        private synchronized void release() {
            busy = false;
            updateInterest();
        }

        /**
         * Executes the whole messages buffered, one by one. True when none is left; false when this worker must stop
         * serving the connection (dropped, or output to drain first).
         */
        private boolean executeAll() {
            while (true) {
                byte[] message;
                int off;
                int len;
                boolean discard;
                synchronized (this) {
                    if (dropped) {
                        return false;
                    }
                    if (!output.isEmpty()) {
                        awaitingOutput = true; // writable() hands the connection to a worker again
                        return false;
                    }
                    int nl = indexOfTerminator();
                    if (nl < 0) {
                        scanFrom = end;
                        return true;
                    }
                    message = buf; // stable while busy: only this worker reads into it
                    off = start;
                    len = nl - start;
                    if (len > 0 && buf[nl - 1] == '\r') {
                        len--;
                    }
                    discard = overrun; // the tail of an overrun message is discarded
                    overrun = false;
                    start = nl + 1;
                    scanFrom = start;
                }
                boolean keep;
                try {
                    keep = discard || handle(message, off, len);
                } catch (RuntimeException e) {
                    close(); // as the thread per connection did: this connection ends, the instrument lives on
                    return false;
                }
                if (!keep) {
                    dropConnections(); // a fault: the message was executed, never answered
                    return false;
                }
            }
        }

        /** Executes one message and sends its reply; false when a fault says to drop the connections. */
        private boolean handle(byte[] b, int off, int len) {
            ConnectionFaults.Action action = faults.onMessage();
            response.clear();
            instrument.execute(interpreter, b, off, len, response);
            if (action.drop()) {
                return false;
            }
            if (response.length() == 0 || dropped) {
                return true;
            }
            ConnectionFaults.Action reply = faults.onReply();
            if (reply.delayNanos() > 0) {
                try {
                    Thread.sleep(reply.delayNanos() / 1_000_000, (int) (reply.delayNanos() % 1_000_000));
                } catch (InterruptedException e) {
                    return true; // closed while holding the reply back: nothing to send it to
                }
            }
            byte[] bytes = java.util.Arrays.copyOf(response.array(), response.length());
            if (reply.garble()) {
                for (int i = 0; i < bytes.length - 1; i++) {
                    bytes[i] = (byte) ('!' + garbler.nextInt(94));
                }
            }
            if (faults.takeCut()) {
                // a reply cut in the middle: half of it goes out, then every connection drops
                send(ByteBuffer.wrap(bytes, 0, bytes.length / 2));
                return false;
            }
            send(ByteBuffer.wrap(bytes));
            return true;
        }

        /** Writes a reply now as far as the socket takes it; the rest is written by the selector thread. */
        private synchronized void send(ByteBuffer reply) {
            if (dropped) {
                return;
            }
            if (output.isEmpty()) {
                try {
                    channel.write(reply);
                } catch (IOException e) {
                    close();
                    return;
                }
            }
            if (reply.hasRemaining()) {
                output.add(reply);
                updateInterest();
            }
        }

        /** Selector thread: writes queued output; once it is all written, hands a stopped connection to a worker. */
        void writable() {
            synchronized (this) {
                try {
                    while (!output.isEmpty()) {
                        ByteBuffer b = output.peek();
                        channel.write(b);
                        if (b.hasRemaining()) {
                            return;
                        }
                        output.poll();
                    }
                } catch (IOException e) {
                    close();
                    return;
                }
                updateInterest();
                if (!awaitingOutput) {
                    return;
                }
                awaitingOutput = false;
            }
            submit(this::serve);
        }

        /** Read while no worker serves it, write while output is queued. Holds the connection's monitor. */
        private void updateInterest() {
            int ops = (busy ? 0 : SelectionKey.OP_READ) | (output.isEmpty() ? 0 : SelectionKey.OP_WRITE);
            try {
                if (key != null && key.interestOps() != ops) {
                    key.interestOps(ops);
                    if (Thread.currentThread() != io) {
                        selector.wakeup();
                    }
                }
            } catch (CancelledKeyException e) {
                // closed
            }
        }
    }
}
