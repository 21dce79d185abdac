package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.scpi.ScpiSession;
import io.spinloop.drivers.transport.TransportException;
import org.junit.jupiter.api.Test;

/** Both drivers over VXI-11 (portmapper on an ephemeral port, named by {@code ?portmapper=}). */
class Vxi11OverLoopbackTest extends LanInstrumentProtocolTest {
    @Override
    String resource(String instrument) {
        return "TCPIP0::127.0.0.1::" + (instrument.equals("smu1") ? "inst0" : "inst1") + "::INSTR?portmapper="
                + bench.vxi11PortmapperAddress().getPort();
    }

    @Override
    String protocolMark() {
        return "::INSTR?portmapper=";
    }

    @Test
    void anUnknownDeviceNameIsAVxi11ErrorNamingTheCall() {
        String r = "TCPIP0::127.0.0.1::inst7::INSTR?portmapper=" + bench.vxi11PortmapperAddress().getPort();
        TransportException e = assertThrows(TransportException.class, () -> ScpiSession.open("sa9", r, TIMEOUTS));
        assertTrue(e.getMessage().contains("TCPIP0::127.0.0.1::inst7::INSTR")
                && e.getMessage().contains("create_link to device 'inst7'")
                && e.getMessage().contains("device not accessible (3)"), e.getMessage());
    }

    @Test
    void aHostWithoutPortmapperIsNamed() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String r = "TCPIP0::127.0.0.1::inst0::INSTR?portmapper=" + closed;
        TransportException e = assertThrows(TransportException.class, () -> ScpiSession.open("smu1", r, TIMEOUTS));
        assertTrue(e.getMessage().contains("portmapper of TCPIP0::127.0.0.1::inst0::INSTR"), e.getMessage());
    }
}
