package io.spinloop.emulator.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.SourceModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 13: a burst of 1,000 clients connecting at once, each asking {@code *IDN?} and staying connected
 * until every one has its answer. All are served, none refused or timed out; the server keeps a bounded number of
 * threads however many connections are open (it used to start one per connection), and no connection waits in a
 * full listen queue for the kernel's one-second SYN retry (its backlog was 50).
 */
class ConnectionBurstTest {
    private static final int CLIENTS = 1000;
    private static final String IDN = "KEITHLEY INSTRUMENTS INC.,MODEL 2400,EMU-0001,C33 (spinloop emulator)";

    @Test
    void aThousandClientsAtOnceAreAllServedByABoundedNumberOfThreads() throws Exception {
        try (EmulatedBench bench = EmulatedBench.builder().currentSource("smu", SourceModel.KEITHLEY_2400, 0, null)
                .start()) {
            InetSocketAddress address = bench.address("smu");
            OptionalLong overflowsBefore = listenOverflows();
            long start = System.nanoTime();
            Burst burst = new Burst(address, CLIENTS);
            try {
                burst.run(30_000);
                double seconds = (System.nanoTime() - start) * 1e-9;
                // every client is still connected here: count what the server runs for them
                int serverThreads = serverThreads("emulator-smu-");
                assertEquals(List.of(), burst.failures.subList(0, Math.min(5, burst.failures.size())),
                        burst.failures.size() + " of " + CLIENTS + " clients failed");
                assertEquals(CLIENTS, burst.answers.size());
                for (String a : burst.answers) {
                    assertEquals(IDN, a);
                }
                assertTrue(serverThreads <= 1 + ScpiServer.DEFAULT_WORKERS, serverThreads + " server threads for "
                        + CLIENTS + " open connections");
                assertTrue(seconds < 15, "served in " + seconds + " s");
                OptionalLong overflowsAfter = listenOverflows();
                if (overflowsBefore.isPresent() && overflowsAfter.isPresent()) {
                    assertEquals(0, overflowsAfter.getAsLong() - overflowsBefore.getAsLong(),
                            "connections that overflowed the listen queue (each waits a second for a SYN retry)");
                }
            } finally {
                burst.close();
            }
        }
    }

    /**
     * The other side of not holding a thread per connection: a client that sends queries and reads no reply stalls
     * itself only (its next message waits until its previous reply is written, as a blocking write made it wait),
     * holds no worker meanwhile, and gets every reply, whole and in order, once it reads.
     */
    @Test
    void aClientThatDoesNotReadStallsOnlyItself() throws Exception {
        try (EmulatedBench bench = EmulatedBench.builder()
                .analyzer("sa", io.spinloop.emulator.instruments.AnalyzerModel.KEYSIGHT_N9030B, 0).start();
             io.spinloop.emulator.ScpiClient slow = new io.spinloop.emulator.ScpiClient(bench.address("sa"), 10_000);
             io.spinloop.emulator.ScpiClient other = new io.spinloop.emulator.ScpiClient(bench.address("sa"))) {
            slow.write(":INIT:CONT OFF;:FORM ASC;:SWE:POIN 1001;:INIT");
            assertEquals("1", slow.query("*OPC?"));
            int queries = 400; // about 5 MB of replies: far more than the socket buffers hold
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < queries; i++) {
                burst.append(":TRAC? TRACE1\n");
            }
            slow.writeRaw(burst.toString().getBytes(StandardCharsets.ISO_8859_1));
            Thread.sleep(300); // the server writes what the socket takes, then the slow client's messages wait
            for (int i = 0; i < 20; i++) {
                assertTrue(other.query("*IDN?").startsWith("Keysight Technologies,N9030B,"));
            }
            assertTrue(serverThreads("emulator-sa-") <= 1 + ScpiServer.DEFAULT_WORKERS);
            String first = slow.readLine();
            assertEquals(1001, first.split(",").length);
            for (int i = 1; i < queries; i++) {
                assertEquals(first, slow.readLine(), "reply " + i + " whole and the same trace");
            }
            assertEquals("1", slow.query("*OPC?"), "in order, nothing left over");
        }
    }

    /** Threads whose name starts with {@code prefix}. */
    private static int serverThreads(String prefix) {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }

    /** The kernel's count of connections dropped from a full listen queue (Linux), if it can be read. */
    private static OptionalLong listenOverflows() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
                    String[] names = lines.get(i).trim().split("\\s+");
                    String[] values = lines.get(i + 1).trim().split("\\s+");
                    for (int k = 0; k < names.length && k < values.length; k++) {
                        if (names[k].equals("ListenOverflows")) {
                            return OptionalLong.of(Long.parseLong(values[k]));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the thread count and the answers still tell
        }
        return OptionalLong.empty();
    }

    /**
     * {@code n} clients that all connect at once (non-blocking, from one thread), send {@code *IDN?} when connected
     * and read one line each, keeping their connections open until closed.
     */
    private static final class Burst implements AutoCloseable {
        final List<String> answers = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        private final Selector selector = Selector.open();
        private final List<SocketChannel> channels = new ArrayList<>();
        private final byte[] query = "*IDN?\n".getBytes(StandardCharsets.ISO_8859_1);

        Burst(InetSocketAddress address, int n) throws IOException {
            for (int i = 0; i < n; i++) {
                SocketChannel ch = SocketChannel.open();
                channels.add(ch);
                ch.configureBlocking(false);
                try {
                    if (ch.connect(address)) {
                        connected(ch, ch.register(selector, 0, new StringBuilder()));
                    } else {
                        ch.register(selector, SelectionKey.OP_CONNECT, new StringBuilder());
                    }
                } catch (IOException e) {
                    failures.add("connect: " + e);
                }
            }
        }

        private void connected(SocketChannel ch, SelectionKey key) throws IOException {
            ch.write(ByteBuffer.wrap(query)); // six bytes into an empty socket buffer: written whole
            key.interestOps(SelectionKey.OP_READ);
        }

        void run(long timeoutMs) throws IOException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (answers.size() + failures.size() < channels.size() && System.currentTimeMillis() < deadline) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel ch = (SocketChannel) key.channel();
                    StringBuilder line = (StringBuilder) key.attachment();
                    try {
                        if (key.isConnectable()) {
                            ch.finishConnect();
                            connected(ch, key);
                        } else if (key.isReadable()) {
                            buf.clear();
                            int r = ch.read(buf);
                            if (r < 0) {
                                throw new IOException("closed by the server after '" + line + "'");
                            }
                            for (int i = 0; i < r; i++) {
                                char c = (char) (buf.get(i) & 0xff);
                                if (c == '\n') {
                                    answers.add(line.toString());
                                    key.interestOps(0);
                                } else {
                                    line.append(c);
                                }
                            }
                        }
                    } catch (IOException e) {
                        failures.add(e.toString());
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            }
            int missing = channels.size() - answers.size() - failures.size();
            for (int i = 0; i < missing; i++) {
                failures.add("no answer within " + timeoutMs + " ms");
            }
        }

        @Override
        public void close() throws IOException {
            for (SocketChannel ch : channels) {
                ch.close();
            }
            selector.close();
        }
    }
}
