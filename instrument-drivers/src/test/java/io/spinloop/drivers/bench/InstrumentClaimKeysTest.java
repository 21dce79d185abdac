package io.spinloop.drivers.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.spinloop.drivers.transport.ResourceString;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a claim is keyed by, for instruments behind a GPIB-USB controller and on USBTMC: the same however spelled. */
class InstrumentClaimKeysTest {
    @TempDir
    Path dir;

    private static String key(String resource) {
        return InstrumentClaim.keyOf(ResourceString.parse(resource));
    }

    @Test
    void gpibBehindASerialControllerIsKeyedByThePortsRealPathAndTheAddress() throws Exception {
        Path port = Files.createFile(dir.resolve("ttyUSB0"));
        Path alias = Files.createSymbolicLink(dir.resolve("prologix"), port);
        assertEquals(key("GPIB0::24::INSTR?via=serial://" + port), key("GPIB0::24::INSTR?via=ASRL" + alias
                + "::INSTR?baud=115200"));
        assertNotEquals(key("GPIB0::24::INSTR?via=serial://" + port), key("GPIB0::25::INSTR?via=serial://" + port));
        assertNotEquals(key("GPIB0::24::INSTR?via=serial://" + port), key("serial://" + port));
    }

    @Test
    void usbtmcIsKeyedByItsIdsOrItsDeviceFile() throws Exception {
        assertEquals(key("USB0::0x0957::0x0B0B::MY1::INSTR"), key("usb::2391::2827::MY1::instr"));
        Path file = Files.createFile(dir.resolve("usbtmc0"));
        Path alias = Files.createSymbolicLink(dir.resolve("analyzer"), file);
        assertEquals(key("usbtmc://" + file), key("usbtmc://" + alias));
    }
}
