package io.spinloop.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What the HiSLIP transport does with servers the emulator does not imitate: one that insists on overlapped mode, one
 * that answers a message with an Error. A scripted server on loopback plays them.
 */
class HislipTransportTest {

    /** Plays a HiSLIP server: {@code overlapped} in every answer, {@code errorOnData} to refuse data with an Error. */
    private static final class ScriptedServer implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress());
        final Thread thread;

        ScriptedServer(boolean overlapped, boolean errorOnData) throws IOException {
            int mode = overlapped ? 1 : 0;
            thread = new Thread(() -> {
                try (Socket sync = server.accept()) {
                    InputStream si = sync.getInputStream();
                    OutputStream so = sync.getOutputStream();
                    read(si);
                    new HislipMessage(HislipMessage.INITIALIZE_RESPONSE, mode, (0x0100L << 16) | 1, new byte[0]).writeTo(so);
                    Socket async = server.accept(); // the client opens it after the InitializeResponse
                    InputStream ai = async.getInputStream();
                    OutputStream ao = async.getOutputStream();
                    read(ai);
                    new HislipMessage(HislipMessage.ASYNC_INITIALIZE_RESPONSE, 0, 0, new byte[0]).writeTo(ao);
                    read(ai);
                    new HislipMessage(HislipMessage.ASYNC_MAXIMUM_MESSAGE_SIZE_RESPONSE, 0, 0,
                            new byte[] {0, 0, 0, 0, 0, 0, 4, 0}).writeTo(ao);
                    if (overlapped) {
                        read(ai); // AsyncDeviceClear
                        new HislipMessage(HislipMessage.ASYNC_DEVICE_CLEAR_ACKNOWLEDGE, 1, 0, new byte[0]).writeTo(ao);
                        read(si); // DeviceClearComplete asking for synchronized mode
                        new HislipMessage(HislipMessage.DEVICE_CLEAR_ACKNOWLEDGE, 1, 0, new byte[0]).writeTo(so);
                    }
                    if (errorOnData) {
                        read(si);
                        new HislipMessage(HislipMessage.ERROR, 4, 0,
                                "1024 bytes at most".getBytes(StandardCharsets.US_ASCII)).writeTo(so);
                    }
                    si.read(); // until the client closes
                } catch (IOException e) {
                    // the client went away
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        static HislipMessage read(InputStream in) throws IOException {
            return HislipMessage.readRest(in.read(), in, 1 << 20, "client");
        }

        ResourceString.Hislip resource() {
            return (ResourceString.Hislip) ResourceString.parse("TCPIP0::127.0.0.1::hislip0," + server.getLocalPort()
                    + "::INSTR");
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void aServerThatInsistsOnOverlappedModeIsRefusedByName() throws Exception {
        try (ScriptedServer s = new ScriptedServer(true, false)) {
            TransportException e = assertThrows(TransportException.class,
                    () -> new HislipTransport(s.resource(), 2000, Duration.ofSeconds(2)).open());
            assertTrue(e.getMessage().contains("TCPIP0::127.0.0.1::hislip0,") && e.getMessage().contains("overlapped mode")
                    && e.getMessage().contains("synchronized mode, the only one spinloop supports"), e.getMessage());
        }
    }

    @Test
    void anErrorMessageBecomesAnExceptionWithItsCodeInWords() throws Exception {
        try (ScriptedServer s = new ScriptedServer(false, true);
             HislipTransport t = new HislipTransport(s.resource(), 2000, Duration.ofSeconds(2)).open()) {
            t.send("*IDN?");
            TransportException e = assertThrows(TransportException.class, () -> t.receive("*IDN?"));
            assertTrue(e.getMessage().contains("sent HiSLIP Error for '*IDN?': message too large (4): 1024 bytes at most"),
                    e.getMessage());
            assertTrue(t.needsReopen());
        }
    }
}
