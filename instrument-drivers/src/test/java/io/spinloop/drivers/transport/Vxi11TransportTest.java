package io.spinloop.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.time.Timing;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The VXI-11 transport's protocol details against the emulator's VXI-11 server over loopback. */
class Vxi11TransportTest {
    private EmulatedBench bench;
    private ResourceString.Vxi11 resource;

    @BeforeEach
    void start() throws Exception {
        bench = EmulatedBench.builder().currentSource("smu1", SourceModel.KEITHLEY_2400, 0, null)
                .vxi11(0, 0, Map.of("inst0", "smu1")).timing(Timing.VIRTUAL).start();
        resource = (ResourceString.Vxi11) ResourceString.parse("TCPIP0::127.0.0.1::inst0::INSTR?portmapper="
                + bench.vxi11PortmapperAddress().getPort());
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    @Test
    void aMessageLongerThanMaxRecvSizeGoesOutInSeveralWritesEndOnTheLast() {
        try (Vxi11Transport t = new Vxi11Transport(resource, 2000, Duration.ofSeconds(2)).open()) {
            String message = "*CLS;".repeat(400) + "*IDN?"; // 2005 bytes: three device_writes of at most 1024
            t.send(message);
            assertTrue(t.receive(message).contains("MODEL 2400"));
        }
    }

    @Test
    void aDeviceLockedByAnotherLinkIsWaitedForThenNamed() {
        int core;
        try (OncRpcClient portmapper = new OncRpcClient("127.0.0.1", resource.portmapperPort(), 2000, "pm")) {
            core = (int) portmapper.call(Vxi11Transport.PORTMAPPER, 2, 3,
                    new Xdr.Writer().u32(Vxi11Transport.DEVICE_CORE).u32(1).u32(6).u32(0).bytes(), 2000, "GETPORT").u32();
        }
        assertEquals(bench.vxi11CoreAddress().getPort(), core);
        try (OncRpcClient holder = new OncRpcClient("127.0.0.1", core, 2000, "holder");
             Vxi11Transport t = new Vxi11Transport(resource, 2000, Duration.ofMillis(300)).open()) {
            Xdr.Reader link = holder.call(Vxi11Transport.DEVICE_CORE, 1, 10,
                    new Xdr.Writer().u32(7).bool(true).u32(1000).string("inst0").bytes(), 3000, "create_link");
            assertEquals(0, link.i32(), "the holder's link takes the lock");
            int lid = link.i32();
            TransportException e = assertThrows(TransportException.class, () -> t.send("*IDN?"));
            assertTrue(e.getMessage().contains("TCPIP0::127.0.0.1::inst0::INSTR?portmapper=")
                    && e.getMessage().contains("device_write of '*IDN?'")
                    && e.getMessage().contains("device locked by another link (11)"), e.getMessage());
            assertEquals(0, holder.call(Vxi11Transport.DEVICE_CORE, 1, 19, new Xdr.Writer().u32(lid).bytes(), 2000,
                    "device_unlock").i32());
            assertTrue(t.needsReopen());
            t.reopen();
            t.send("*IDN?");
            assertTrue(t.receive("*IDN?").contains("MODEL 2400"), "the lock released, the device answers");
        }
    }

    @Test
    void aQueryWithoutReplyIsAnIoTimeoutAndTheDeviceIsCleared() {
        try (Vxi11Transport t = new Vxi11Transport(resource, 2000, Duration.ofMillis(300)).open()) {
            t.send(":SOUR:CURR 1E-4");
            TransportTimeoutException e = assertThrows(TransportTimeoutException.class,
                    () -> t.receive(":SOUR:CURR 1E-4"));
            assertTrue(e.getMessage().contains("I/O timeout (15)") && e.getMessage().contains("300 ms")
                    && e.getMessage().contains("device_clear"), e.getMessage());
        }
    }
}
