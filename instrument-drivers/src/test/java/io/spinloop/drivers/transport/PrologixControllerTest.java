package io.spinloop.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.Timeouts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The controller's wire protocol, against a scripted fake controller that records every byte it gets. */
class PrologixControllerTest {
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(300));
    private ServerSocket server;
    private final List<ByteArrayOutputStream> received = new CopyOnWriteArrayList<>();
    private final List<CountDownLatch> ended = new CopyOnWriteArrayList<>();
    private volatile byte[] answer = new byte[0]; // sent after each "++read eoi"; empty: stay silent

    @BeforeEach
    void startFake() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Socket s = server.accept();
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    CountDownLatch end = new CountDownLatch(1);
                    received.add(got);
                    ended.add(end);
                    Thread c = new Thread(() -> {
                        serve(s, got);
                        end.countDown();
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private void serve(Socket s, ByteArrayOutputStream got) {
        try (s) {
            InputStream in = s.getInputStream();
            int b;
            StringBuilder line = new StringBuilder();
            while ((b = in.read()) >= 0) {
                synchronized (got) {
                    got.write(b);
                }
                if (b == '\n') {
                    if (line.toString().equals("++read eoi") && answer.length > 0) {
                        s.getOutputStream().write(answer);
                    }
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @AfterEach
    void stopFake() throws IOException {
        server.close();
    }

    private String gpib(int address) {
        return "GPIB0::" + address + "::INSTR?via=127.0.0.1:" + server.getLocalPort();
    }

    /**
     * The connections the fake has accepted, once at least {@code expected} are in: the client may connect, write and
     * close before the fake's accept thread has recorded the connection (a race seen under load).
     */
    private int connectionsAccepted(int expected) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (received.size() < expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return received.size();
    }

    /** What the fake got on a connection, once the client closed it (the bytes are all in then). */
    private String wire(int connection) {
        try {
            ended.get(connection).await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        ByteArrayOutputStream got = received.get(connection);
        synchronized (got) {
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void setsControllerModeEscapesDataAndSwitchesTheAddressOnlyWhenNeeded() {
        try (Transport a = Transports.open(gpib(5), TIMEOUTS); Transport b = Transports.open(gpib(7), TIMEOUTS)) {
            a.send("A\r+B\u001bC");
            a.send(":X 1");
            b.send("*RST");
            a.send("*CLS");
        }
        assertEquals(1, connectionsAccepted(1), "one link for both instruments");
        assertEquals("++mode 1\n++ifc\n++auto 0\n++eoi 1\n++eos 3\n++read_tmo_ms 300\n"
                + "++addr 5\nA\u001b\r\u001b+B\u001b\u001bC\n:X 1\n++addr 7\n*RST\n++addr 5\n*CLS\n", wire(0));
    }

    @Test
    void aBinaryBlockIsReadByItsLengthWhateverBytesItHolds() {
        answer = "#18a\nb\r+\u001b\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        try (Transport t = Transports.open(gpib(9), TIMEOUTS)) {
            t.send(":TRAC?");
            assertEquals('#', t.receiveByte(":TRAC?"));
            assertEquals('1', t.receiveByte(":TRAC?"));
            assertEquals('8', t.receiveByte(":TRAC?"));
            byte[] data = new byte[8];
            t.receiveExact(data, 0, 8, ":TRAC?");
            assertArrayEquals("a\nb\r+\u001b\n\r".getBytes(StandardCharsets.ISO_8859_1), data);
            assertEquals("", t.receive(":TRAC?"));
        }
        assertTrue(wire(0).endsWith("++addr 9\n:TRAC?\n++read eoi\n"), wire(0));
    }

    @Test
    void aTimeoutReopensTheLinkAndClearsTheInstrument() {
        try (Transport t = Transports.open(gpib(11), TIMEOUTS)) {
            t.send("*IDN?");
            TransportTimeoutException e = assertThrows(TransportTimeoutException.class, () -> t.receive("*IDN?"));
            assertTrue(e.getMessage().contains("GPIB0::11::INSTR via Prologix GPIB-ETHERNET at tcp://127.0.0.1:"
                    + server.getLocalPort()) && e.getMessage().contains("cleared (++clr)"), e.getMessage());
            assertTrue(t.needsReopen());
            t.reopen();
            answer = "ok\n".getBytes(StandardCharsets.ISO_8859_1);
            t.send("*IDN?");
            assertEquals("ok", t.receive("*IDN?"));
        }
        assertEquals(2, connectionsAccepted(2), "a fresh link after the timeout");
        assertTrue(wire(1).startsWith("++mode 1\n++ifc\n++auto 0\n++eoi 1\n++eos 3\n++read_tmo_ms 300\n++addr 11\n++clr\n"),
                wire(1));
    }

    /**
     * A reopen after a timeout keeps the controller that other instruments share: it is not released (the link would
     * close under the other instrument once that one closes), only opened if it is not.
     */
    @Test
    void oneInstrumentsReopenKeepsTheControllerItSharesWithAnother() {
        Transport b = Transports.open(gpib(7), TIMEOUTS);
        try (Transport a = Transports.open(gpib(5), TIMEOUTS)) {
            a.send("*IDN?");
            assertThrows(TransportTimeoutException.class, () -> a.receive("*IDN?"));
            a.reopen();
            b.close();
            a.send(":AFTER");
        }
        assertEquals(2, connectionsAccepted(2), "the first link and the one renewed after the timeout");
        assertTrue(wire(1).endsWith("++addr 5\n++clr\n:AFTER\n"), "a's command on the renewed link: " + wire(1));
    }
}
