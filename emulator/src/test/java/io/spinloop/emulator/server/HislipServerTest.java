package io.spinloop.emulator.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.time.Timing;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's HiSLIP server at the message level: initialization, message ids, maximum message size, errors. */
class HislipServerTest {
    private EmulatedBench bench;

    @BeforeEach
    void start() throws IOException {
        bench = EmulatedBench.builder().currentSource("smu1", SourceModel.KEITHLEY_2400, 0, null)
                .hislip(0, Map.of("hislip0", "smu1")).timing(Timing.VIRTUAL).start();
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", bench.hislipAddress().getPort());
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void aReplyCarriesTheQuerysMessageIdAndIsSplitToTheClientsMaximumSize() throws IOException {
        try (Socket sync = connect(); Socket async = connect()) {
            new HislipFrame(HislipFrame.INITIALIZE, 0, 0x0100_0000L | 0x5858, "hislip0".getBytes()).writeTo(
                    sync.getOutputStream());
            HislipFrame init = HislipFrame.read(sync.getInputStream(), 1 << 20);
            assertEquals(HislipFrame.INITIALIZE_RESPONSE, init.type());
            assertEquals(0, init.control(), "synchronized mode");
            HislipFrame.of(HislipFrame.ASYNC_INITIALIZE, 0, init.parameter() & 0xFFFF).writeTo(async.getOutputStream());
            assertEquals(HislipFrame.ASYNC_INITIALIZE_RESPONSE, HislipFrame.read(async.getInputStream(), 1 << 20).type());
            new HislipFrame(HislipFrame.ASYNC_MAXIMUM_MESSAGE_SIZE, 0, 0, new byte[] {0, 0, 0, 0, 0, 0, 0, 16})
                    .writeTo(async.getOutputStream());
            HislipFrame max = HislipFrame.read(async.getInputStream(), 1 << 20);
            assertEquals(HislipFrame.ASYNC_MAXIMUM_MESSAGE_SIZE_RESPONSE, max.type());
            assertEquals(8, max.payload().length);

            new HislipFrame(HislipFrame.DATA_END, 0, 0xffffff00L, "*IDN?\n".getBytes()).writeTo(sync.getOutputStream());
            StringBuilder reply = new StringBuilder();
            int parts = 0;
            HislipFrame m;
            do {
                m = HislipFrame.read(sync.getInputStream(), 1 << 20);
                assertEquals(0xffffff00L, m.parameter(), "the id of the query");
                assertTrue(m.payload().length <= 16, "no larger than the client takes");
                reply.append(new String(m.payload(), StandardCharsets.US_ASCII));
                parts++;
            } while (m.type() == HislipFrame.DATA);
            assertEquals(HislipFrame.DATA_END, m.type());
            assertTrue(parts > 1 && reply.toString().startsWith("KEITHLEY INSTRUMENTS INC.,MODEL 2400"), reply.toString());

            HislipFrame.of(99, 0, 0).writeTo(async.getOutputStream());
            HislipFrame error = HislipFrame.read(async.getInputStream(), 1 << 20);
            assertEquals(HislipFrame.ERROR, error.type());
            assertEquals(1, error.control(), "unrecognized message type");
        }
    }

    @Test
    void dataBeforeTheAsyncChannelAndUnknownSubAddressesAreFatal() throws IOException {
        try (Socket sync = connect()) {
            new HislipFrame(HislipFrame.INITIALIZE, 0, 0x0100_0000L, "hislip0".getBytes()).writeTo(sync.getOutputStream());
            HislipFrame.read(sync.getInputStream(), 1 << 20);
            new HislipFrame(HislipFrame.DATA_END, 0, 0xffffff00L, "*IDN?\n".getBytes()).writeTo(sync.getOutputStream());
            HislipFrame fatal = HislipFrame.read(sync.getInputStream(), 1 << 20);
            assertEquals(HislipFrame.FATAL_ERROR, fatal.type());
            assertEquals(2, fatal.control(), "attempt to use connection without both channels established");
        }
        try (Socket sync = connect()) {
            new HislipFrame(HislipFrame.INITIALIZE, 0, 0x0100_0000L, "hislip3".getBytes()).writeTo(sync.getOutputStream());
            HislipFrame fatal = HislipFrame.read(sync.getInputStream(), 1 << 20);
            assertEquals(HislipFrame.FATAL_ERROR, fatal.type());
            assertTrue(new String(fatal.payload(), StandardCharsets.US_ASCII).contains("no device 'hislip3'"));
        }
    }
}
