package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.scpi.ScpiSession;
import io.spinloop.drivers.transport.TransportException;
import org.junit.jupiter.api.Test;

/** Both drivers over HiSLIP (sub-addresses hislip0 and hislip1 on one ephemeral port). */
class HislipOverLoopbackTest extends LanInstrumentProtocolTest {
    @Override
    String resource(String instrument) {
        return "TCPIP0::127.0.0.1::" + (instrument.equals("smu1") ? "hislip0" : "hislip1") + ","
                + bench.hislipAddress().getPort() + "::INSTR";
    }

    @Override
    String protocolMark() {
        return "," + bench.hislipAddress().getPort() + "::INSTR";
    }

    @Test
    void anUnknownSubAddressIsTheServersFatalError() {
        String r = "TCPIP0::127.0.0.1::hislip7," + bench.hislipAddress().getPort() + "::INSTR";
        TransportException e = assertThrows(TransportException.class, () -> ScpiSession.open("sa9", r, TIMEOUTS));
        assertTrue(e.getMessage().contains("hislip7") && e.getMessage().contains("FatalError for Initialize")
                && e.getMessage().contains("no device 'hislip7'"), e.getMessage());
    }
}
