package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.assertEndedSafe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.ListSweepResult;
import io.spinloop.drivers.transport.TransportException;
import io.spinloop.emulator.EmulatedBench;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Keithley opened by a VISA socket resource, as NI MAX writes it, against the emulator over loopback. */
class VisaSocketOverLoopbackTest {
    private static EmulatedBench bench;

    @BeforeAll
    static void startBench() {
        bench = EmulatorBenches.sourcesAndAnalyzers();
    }

    @AfterAll
    static void stopBench() {
        bench.close();
    }

    @Test
    void aKeithleyAnswersOnATcpipSocketResource() {
        String visa = "TCPIP0::127.0.0.1::" + bench.address("smu1").getPort() + "::SOCKET";
        try (CurrentSource smu = Instruments.openCurrentSource("smu1", visa, "auto", TIMEOUTS, LIMITS)) {
            assertTrue(smu.identity().isEmulated(), smu.identity().raw());
            smu.outputOn();
            smu.setCurrent(1.5e-3);
            assertEquals(1.5e-3, smu.measure().current(), 2e-5);
            ListSweepResult r = smu.runList(new double[] {1.5e-3, 1.6e-3, 1.5e-3}, Duration.ofMillis(1), false);
            assertEquals(3, r.points());
            smu.outputOff();
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    /** USBTMC has a transport now (UsbtmcDevicesTest, UsbtmcOverPtyTest); a device that is not plugged in is named. */
    @Test
    void aUsbtmcDeviceThatIsNotThereIsNamedBeforeAnythingIsSent() {
        String usb = "USB0::0x0957::0x0D0B::MY1::INSTR";
        TransportException e = assertThrows(TransportException.class, () ->
                Instruments.openCurrentSource("smu1", usb, "auto", TIMEOUTS, LIMITS));
        assertTrue(e.getMessage().contains("no usbtmc device matches " + usb), e.getMessage());
    }
}
