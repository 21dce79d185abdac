package io.spinloop.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FramedTransportTest {
    /** Long enough for replies that do come on a loaded machine; the timeout tests wait it out. */
    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void assemblesAMessageDeliveredOneByteAtATime() {
        MockLink mock = MockLink.text(m -> m.equals("*IDN?") ? "ACME,MODEL 1,42,1.0\n" : null, 1);
        FramedTransport t = mock.transport(SHORT);
        t.send("*IDN?");
        assertEquals("ACME,MODEL 1,42,1.0", t.receive("*IDN?"));
        assertEquals("*IDN?\n", mock.written());
    }

    @Test
    void splitsTwoMessagesThatArriveInOneRead() {
        MockLink mock = MockLink.text(m -> m.equals("Q") ? "first\nsecond\n" : null, 1024);
        FramedTransport t = mock.transport(SHORT);
        t.send("Q");
        assertEquals("first", t.receive("Q"));
        assertEquals("second", t.receive("Q"));
        assertEquals(1, mock.readCalls(), "the second message must come from the buffer, not another read");
    }

    @Test
    void stripsCarriageReturnBeforeLineFeed() {
        MockLink mock = MockLink.text(m -> "1\r\n", 1024);
        FramedTransport t = mock.transport(SHORT);
        t.send("*OPC?");
        assertEquals("1", t.receive("*OPC?"));
    }

    @Test
    void timeoutMidMessageReturnsNothingAndNamesResourceAndCommand() {
        MockLink mock = MockLink.text(m -> "+1.0000", 1024); // terminator never comes
        FramedTransport t = mock.transport(SHORT);
        t.send(":SOUR:CURR?");
        TransportTimeoutException e = assertThrows(TransportTimeoutException.class, () -> t.receive(":SOUR:CURR?"));
        assertTrue(e.getMessage().contains("mock://instrument"), e.getMessage());
        assertTrue(e.getMessage().contains(":SOUR:CURR?"), e.getMessage());
        assertTrue(e.getMessage().contains("7 bytes"), e.getMessage());
        assertTrue(t.needsReopen(), "after a timeout the stream is out of step");
    }

    @Test
    void timeoutCountsTheWholeMessageNotEachChunk() {
        // A reply trickling in one byte per read must still time out after the timeout, not per byte.
        ByteLink link = mock(ByteLink.class);
        try {
            when(link.read(any(), anyInt(), anyInt(), anyInt())).thenAnswer(inv -> {
                Thread.sleep(20);
                byte[] b = inv.getArgument(0);
                b[(int) inv.getArgument(1)] = 'x';
                return 1;
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        FramedTransport t = new FramedTransport("mock://slow", Terminator.LF, SHORT, x -> link).open();
        long start = System.nanoTime();
        assertThrows(TransportTimeoutException.class, () -> t.receive("TRAC?"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 2000, "took " + ms + " ms, the timeout is " + SHORT.toMillis() + " ms");
    }

    @Test
    void peerClosingMidMessageIsATransportErrorNotAReply() throws IOException {
        ByteLink link = mock(ByteLink.class);
        when(link.read(any(), anyInt(), anyInt(), anyInt())).thenAnswer(inv -> {
            byte[] b = inv.getArgument(0);
            b[(int) inv.getArgument(1)] = '1';
            return 1;
        }).thenReturn(-1);
        FramedTransport t = new FramedTransport("mock://dropped", Terminator.LF, SHORT, x -> link).open();
        TransportException e = assertThrows(TransportException.class, () -> t.receive("*OPC?"));
        assertFalse(e instanceof TransportTimeoutException);
        assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
        assertTrue(e.getMessage().contains("*OPC?"), e.getMessage());
        assertTrue(t.needsReopen());
    }

    @Test
    void readFailureNamesResourceAndCommand() throws IOException {
        ByteLink link = mock(ByteLink.class);
        when(link.read(any(), anyInt(), anyInt(), anyInt())).thenThrow(new IOException("errno 5"));
        FramedTransport t = new FramedTransport("serial:///dev/ttyUSB0", Terminator.LF, SHORT, x -> link).open();
        TransportException e = assertThrows(TransportException.class, () -> t.receive(":READ?"));
        assertTrue(e.getMessage().contains("serial:///dev/ttyUSB0") && e.getMessage().contains(":READ?")
                && e.getMessage().contains("errno 5"), e.getMessage());
    }

    @Test
    void exactReadKeepsNewlinesInsideBinaryData() {
        byte[] payload = {'a', '\n', 'b', '\n', 0, (byte) 0xFF};
        MockLink mock = new MockLink(m -> payload, 2);
        FramedTransport t = mock.transport(SHORT);
        t.send("BIN?");
        byte[] got = new byte[payload.length];
        t.receiveExact(got, 0, got.length, "BIN?");
        assertArrayEquals(payload, got);
    }

    @Test
    void sendRefusesANewlineInsideACommand() {
        MockLink mock = MockLink.text(m -> null, 1024);
        FramedTransport t = mock.transport(SHORT);
        assertThrows(IllegalArgumentException.class, () -> t.send(":SOUR:CURR 1\n:OUTP ON"));
        assertEquals("", mock.written());
    }

    @Test
    void crTerminatorEndsMessagesAtCarriageReturn() {
        MockLink mock = MockLink.text(m -> "OK\r", 1024);
        FramedTransport t = new FramedTransport("mock://cr", Terminator.CR, SHORT, x -> mock.link).open();
        t.send("X");
        assertEquals("OK", t.receive("X"));
        assertEquals("X\r", mock.written());
    }

    @Test
    void messagesLargerThanTheBufferAreReadWhole() {
        String big = "1.0,".repeat(40_000) + "2.0";
        MockLink mock = MockLink.text(m -> big + "\n", 8192);
        FramedTransport t = mock.transport(Duration.ofSeconds(2));
        t.send("TRAC?");
        assertEquals(big, t.receive("TRAC?"));
    }

    @Test
    void reopenGivesAFreshLinkAndClearsTheStaleFlag() {
        MockLink mock = MockLink.text(m -> "late", 1024);
        int[] opens = {0};
        FramedTransport t = new FramedTransport("mock://r", Terminator.LF, SHORT, x -> {
            opens[0]++;
            return mock.link;
        }).open();
        t.send("Q");
        assertThrows(TransportTimeoutException.class, () -> t.receive("Q"));
        assertTrue(t.needsReopen());
        t.reopen();
        assertFalse(t.needsReopen());
        assertEquals(2, opens[0]);
        assertEquals("mock://r", new String(t.resource().getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII));
    }
}
