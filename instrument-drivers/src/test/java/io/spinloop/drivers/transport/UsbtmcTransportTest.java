package io.spinloop.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.server.PseudoTerminalPair;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A USB VISA resource found in a fake sysfs, whose /dev entry is a pseudo-terminal bridged to the emulator's
 * Keithley: the whole path from resource to reply, with no usbtmc device (none is available here).
 */
class UsbtmcTransportTest {
    @TempDir
    Path root;

    @Test
    void aUsbResourceIsOpenedThroughTheDeviceFileSysfsNames() throws Exception {
        assumeTrue(socatAvailable(), "socat is not installed: it makes the pseudo-terminal standing in for /dev/usbtmc0");
        Path iface = root.resolve("sys/devices/usb1/1-2/1-2:1.0");
        Files.createDirectories(iface);
        Files.writeString(iface.getParent().resolve("idVendor"), "05e6\n");
        Files.writeString(iface.getParent().resolve("idProduct"), "2400\n");
        Files.writeString(iface.getParent().resolve("serial"), "1234567\n");
        Path entry = Files.createDirectories(root.resolve("sys/class/usbmisc/usbtmc0"));
        Files.createSymbolicLink(entry.resolve("device"), entry.relativize(iface));
        Path dev = Files.createDirectories(root.resolve("dev"));
        try (EmulatedBench bench = EmulatedBench.builder().currentSource("smu", SourceModel.KEITHLEY_2400, 0, null).start();
             PseudoTerminalPair tty = PseudoTerminalPair.bridgedToTcp(dev.resolve("usbtmc0"), bench.address("smu"))) {
            ResourceString.Usbtmc r = (ResourceString.Usbtmc) ResourceString.parse("USB0::0x05E6::0x2400::1234567::INSTR");
            try (Transport t = Transports.openUsbtmc(r, new UsbtmcDevices(root.resolve("sys"), dev), Duration.ofSeconds(3))) {
                assertTrue(t.resource().contains("USB0::0x05E6::0x2400::1234567::INSTR at usbtmc://" + dev), t.resource());
                t.send("*IDN?");
                assertTrue(t.receive("*IDN?").contains("2400"));
                t.send(":SOUR:CURR 0");
                t.send(":SOUR:CURR?");
                assertEquals(0.0, Double.parseDouble(t.receive(":SOUR:CURR?")), 1e-12);
            }
            TransportException e = assertThrows(TransportException.class, () -> Transports.openUsbtmc(
                    (ResourceString.Usbtmc) ResourceString.parse("USB0::0x05E6::0x2400::7654321::INSTR"),
                    new UsbtmcDevices(root.resolve("sys"), dev), Duration.ofSeconds(3)));
            assertTrue(e.getMessage().contains("7654321") && e.getMessage().contains("usbtmc0"), e.getMessage());
        }
    }

    static boolean socatAvailable() {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "socat"))) {
                return true;
            }
        }
        return false;
    }
}
