package io.spinloop.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.Timeouts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A port or device file that is not there: the error names it, and the backend that tried. */
class OpenFailuresTest {
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));

    @TempDir
    Path dir;

    @Test
    void aMissingSerialPortWithJssc() {
        String port = dir.resolve("ttyUSB7").toString();
        TransportException e = assertThrows(TransportException.class,
                () -> Transports.open("serial://" + port + "?backend=jssc", TIMEOUTS));
        assertTrue(e.getMessage().contains(port) && e.getMessage().contains("jssc"), e.getMessage());
    }

    @Test
    void aMissingGpibUsbController() {
        String port = dir.resolve("ttyACM3").toString();
        TransportException e = assertThrows(TransportException.class,
                () -> Transports.open("GPIB0::24::INSTR?via=serial://" + port, TIMEOUTS));
        assertTrue(e.getMessage().contains("Prologix GPIB-USB at serial://" + port), e.getMessage());
    }

    @Test
    void aMissingUsbtmcDeviceFile() {
        String file = dir.resolve("usbtmc9").toString();
        TransportException e = assertThrows(TransportException.class, () -> Transports.open("usbtmc://" + file, TIMEOUTS));
        assertTrue(e.getMessage().contains("usbtmc device " + file) && e.getMessage().contains("udev"), e.getMessage());
    }
}
