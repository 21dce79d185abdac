package io.spinloop.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.scpi.InstrumentErrorException;
import io.spinloop.drivers.scpi.ReplyFormatException;
import io.spinloop.drivers.scpi.ScpiSession;
import io.spinloop.drivers.scpi.TrafficEntry;
import io.spinloop.drivers.scpi.TrafficLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The SCPI session over real framing and a Mockito-mocked byte link: blocks, errors, recovery, concurrency. */
class SessionFramingTest {
    /** For exchanges expected to time out: short, yet long enough for the replies that do come on a loaded machine. */
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration AMPLE = Duration.ofSeconds(5);
    private static final String IDN = "ACME,MODEL 7,SN1,1.0";

    private static byte[] block(byte[] payload) {
        String len = Integer.toString(payload.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("#" + len.length() + len).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        out.write('\n');
        return out.toByteArray();
    }

    private static Function<String, byte[]> withIdn(Function<String, byte[]> rest) {
        return m -> m.equals("*IDN?") ? (IDN + "\n").getBytes(StandardCharsets.US_ASCII)
                : m.equals("SYST:ERR?") ? "+0,\"No error\"\n".getBytes(StandardCharsets.US_ASCII) : rest.apply(m);
    }

    private static ScpiSession session(MockLink mock, int[] opens) {
        return session(mock, opens, AMPLE);
    }

    private static ScpiSession session(MockLink mock, int[] opens, Duration timeout) {
        FramedTransport t = new FramedTransport("mock://sa1", Terminator.LF, timeout, x -> {
            opens[0]++;
            return mock.link;
        }).open();
        return new ScpiSession("sa1", t);
    }

    @Test
    void blockWithNewlinesInsideIsReadByItsDeclaredLength() {
        byte[] payload = new byte[1001 * 4];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i % 7 == 0 ? '\n' : i);
        }
        MockLink mock = new MockLink(withIdn(m -> m.equals(":TRAC? TRACE1") ? block(payload) : null), 3);
        ScpiSession s = session(mock, new int[1]);
        assertArrayEquals(payload, s.queryBlock(":TRAC? TRACE1"));
        // the stream is still in step: the next query gets its own reply
        assertEquals(IDN, s.query("*IDN?"));
    }

    @Test
    void emptyBlockIsValid() {
        MockLink mock = new MockLink(withIdn(m -> "#10\n".getBytes(StandardCharsets.US_ASCII)), 1);
        ScpiSession s = session(mock, new int[1]);
        assertEquals(0, s.queryBlock(":TRAC? TRACE1").length);
        assertEquals(IDN, s.query("*IDN?"));
    }

    @Test
    void blockThatStopsShortTimesOutAndTheSessionReconnects() {
        byte[] truncated = "#3100abcdefghij".getBytes(StandardCharsets.US_ASCII);
        MockLink mock = new MockLink(withIdn(m -> m.equals(":TRAC? TRACE1") ? truncated : null), 1024);
        int[] opens = {0};
        ScpiSession s = session(mock, opens, SHORT);
        TransportTimeoutException e = assertThrows(TransportTimeoutException.class, () -> s.queryBlock(":TRAC? TRACE1"));
        assertTrue(e.getMessage().contains(":TRAC? TRACE1") && e.getMessage().contains("mock://sa1"), e.getMessage());
        assertEquals(IDN, s.query("*IDN?"));
        assertTrue(opens[0] >= 2, "the session must have reopened the link");
    }

    @Test
    void garbledBlockHeaderIsAClearErrorAndTheNextQueryIsInStep() {
        MockLink mock = new MockLink(withIdn(m -> m.equals(":TRAC? TRACE1")
                ? "#x4\u0001\u0002\n".getBytes(StandardCharsets.ISO_8859_1) : null), 1024);
        int[] opens = {0};
        ScpiSession s = session(mock, opens);
        ReplyFormatException e = assertThrows(ReplyFormatException.class, () -> s.queryBlock(":TRAC? TRACE1"));
        assertTrue(e.getMessage().contains("malformed block header") && e.getMessage().contains("sa1"), e.getMessage());
        assertEquals(IDN, s.query("*IDN?"));
        assertEquals(2, opens[0]);
    }

    @Test
    void textWhereABlockWasDueIsReported() {
        MockLink mock = new MockLink(withIdn(m -> "-1.5,-2.5\n".getBytes(StandardCharsets.US_ASCII)), 1024);
        ScpiSession s = session(mock, new int[1]);
        ReplyFormatException e = assertThrows(ReplyFormatException.class, () -> s.queryBlock(":TRAC? TRACE1"));
        assertTrue(e.getMessage().contains("'-1.5,-2.5'"), e.getMessage());
    }

    @Test
    void errorQueueIsDrainedIntoAnExceptionNamingTheCommand() {
        AtomicInteger errors = new AtomicInteger(2);
        MockLink mock = MockLink.text(m -> {
            if (m.equals("SYST:ERR?")) {
                int left = errors.getAndDecrement();
                return left == 2 ? "-222,\"Data out of range\"\n" : left == 1 ? "-221,\"Settings conflict\"\n"
                        : "0,\"No error\"\n";
            }
            return null;
        }, 1024);
        ScpiSession s = session(mock, new int[1]);
        InstrumentErrorException e = assertThrows(InstrumentErrorException.class, () -> s.writeChecked(":SOUR:CURR 2"));
        assertEquals(":SOUR:CURR 2", e.command());
        assertEquals(-222, e.code());
        assertEquals(2, e.errors().size());
        assertTrue(e.getMessage().contains("sa1 (mock://sa1): ':SOUR:CURR 2' caused -222,\"Data out of range\"; -221"),
                e.getMessage());
        s.writeChecked(":SOUR:CURR 0"); // queue now empty: no exception
    }

    @Test
    void timeoutOfAnUnknownQueryExplainsItWithTheErrorQueue() {
        AtomicInteger errors = new AtomicInteger(1);
        MockLink mock = MockLink.text(m -> {
            if (m.equals("*IDN?")) {
                return IDN + "\n";
            }
            if (m.equals("SYST:ERR?")) {
                return errors.getAndDecrement() > 0 ? "-113,\"Undefined header\"\n" : "+0,\"No error\"\n";
            }
            return null; // an instrument does not answer a query it does not know
        }, 1024);
        // The look at the error queue gets a tenth of the timeout per reply: 0.1 s, ample for an in-memory reply.
        ScpiSession s = session(mock, new int[1], Duration.ofSeconds(1));
        TransportTimeoutException e = assertThrows(TransportTimeoutException.class, () -> s.query(":BOGUS?"));
        assertTrue(e.getMessage().contains("'-113,\"Undefined header\"'") || e.getMessage().contains("-113,\"Undefined header\""),
                e.getMessage());
        assertEquals(IDN, s.query("*IDN?"));
    }

    @Test
    void aTimeoutWaitsTheConfiguredTimeOnceNotTwice() {
        // An instrument that hangs: it answers nothing, not even *IDN? on a fresh connection. The session looks
        // for an explanation after the timeout, and that look must not cost a second whole timeout (10.9 s seen
        // for 5 s configured). 1 s configured: about 1.1 s now, 2 s before; 1.7 s leaves room for a loaded machine.
        Duration timeout = Duration.ofSeconds(1);
        int[] opens = {0};
        ScpiSession s = session(MockLink.text(m -> null, 1024), opens, timeout);
        long start = System.nanoTime();
        TransportTimeoutException e = assertThrows(TransportTimeoutException.class, () -> s.query(":READ?"));
        double seconds = (System.nanoTime() - start) * 1e-9;
        assertTrue(seconds < 1.7 * timeout.toMillis() / 1e3, "a 1 s timeout took " + seconds + " s: " + e.getMessage());
        assertTrue(e.getMessage().contains("no complete reply to ':READ?' from mock://sa1 within 1000 ms")
                && e.getMessage().contains("did not answer within 100 ms either"), e.getMessage());
        assertTrue(s.needsReconnect(), "still due for a reconnect, with the whole timeout, at the next exchange");
    }

    @Test
    void garbledNumberIsReportedAndTheSessionResynchronises() {
        AtomicInteger calls = new AtomicInteger();
        MockLink mock = MockLink.text(m -> m.equals("*IDN?") ? IDN + "\n" : m.equals("SYST:ERR?") ? "0,\"No error\"\n"
                : calls.getAndIncrement() == 0 ? "+1.0\u00b7\u0007E-03\n" : "+1.000000E-03\n", 1024);
        int[] opens = {0};
        ScpiSession s = session(mock, opens);
        ReplyFormatException e = assertThrows(ReplyFormatException.class, () -> s.queryDouble(":SOUR:CURR?"));
        assertTrue(e.getMessage().contains(":SOUR:CURR?") && e.getMessage().contains("not a number"), e.getMessage());
        assertEquals(1e-3, s.queryDouble(":SOUR:CURR?"));
        assertEquals(2, opens[0], "a garbled reply may have lost or gained a terminator: reconnect");
    }

    @Test
    void concurrentCallersNeverGetEachOthersReplies() throws InterruptedException {
        MockLink mock = MockLink.text(m -> m.startsWith("ECHO? ") ? m.substring(6) + "\n" : null, 3);
        ScpiSession s = session(mock, new int[1], Duration.ofSeconds(10)); // a loaded CI machine must not time out
        int threads = 8;
        int perThread = 300;
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    String token = id + "-" + i;
                    try {
                        String reply = s.query("ECHO? " + token);
                        if (!reply.equals(token)) {
                            wrong.add(token + " got " + reply);
                        }
                    } catch (RuntimeException e) {
                        wrong.add(token + " failed: " + e.getMessage());
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join(20_000);
        }
        assertTrue(wrong.isEmpty(), "mixed-up replies: " + wrong.stream().limit(5).toList());
    }

    @Test
    void trafficLogRecordsEveryMessageWithTimestampsWhenSwitchedOn() {
        MockLink mock = new MockLink(withIdn(m -> m.equals(":TRAC? TRACE1") ? block(new byte[8]) : null), 1024);
        ScpiSession s = session(mock, new int[1]);
        s.query("*IDN?"); // not logged: the log is off
        TrafficLog.Recorder log = new TrafficLog.Recorder(100);
        s.setTrafficLog(log);
        s.query("*IDN?");
        s.queryBlock(":TRAC? TRACE1");
        s.setTrafficLog(null);
        s.query("*IDN?");
        List<TrafficEntry> entries = log.entries();
        assertEquals(4, entries.size(), entries.toString());
        assertEquals(TrafficEntry.Direction.SENT, entries.get(0).direction());
        assertEquals("*IDN?", entries.get(0).text());
        assertEquals(IDN, entries.get(1).text());
        assertEquals("#18<8 bytes>", entries.get(3).text());
        assertTrue(!entries.get(1).time().isBefore(entries.get(0).time()));
        assertTrue(entries.get(0).toString().contains("sa1 << *IDN?"), entries.get(0).toString());
    }
}
