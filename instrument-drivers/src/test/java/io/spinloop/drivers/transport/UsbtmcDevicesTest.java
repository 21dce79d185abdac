package io.spinloop.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A USB VISA resource mapped to its usbtmc device file through a fake sysfs laid out as the kernel's:
 * class/usbmisc/usbtmcN/device links to the interface, whose parent USB device holds idVendor, idProduct, serial.
 */
class UsbtmcDevicesTest {
    @TempDir
    Path root;

    private Path sysfs() {
        return root.resolve("sys");
    }

    /** One usbtmc interface in the fake tree. */
    private void device(String name, String busPath, String vendor, String product, String serial, int intf)
            throws IOException {
        Path device = sysfs().resolve("devices/pci0000:00/0000:00:14.0/usb1").resolve(busPath);
        Path iface = device.resolve(busPath + ":1." + intf);
        Files.createDirectories(iface);
        Files.writeString(device.resolve("idVendor"), vendor + "\n");
        Files.writeString(device.resolve("idProduct"), product + "\n");
        if (serial != null) {
            Files.writeString(device.resolve("serial"), serial + "\n");
        }
        Files.writeString(iface.resolve("bInterfaceNumber"), String.format("%02x%n", intf));
        Path entry = sysfs().resolve("class/usbmisc").resolve(name);
        Files.createDirectories(entry);
        Files.createSymbolicLink(entry.resolve("device"), entry.relativize(iface));
    }

    private static VisaResource.Usb usb(String text) {
        return (VisaResource.Usb) VisaResource.parse(text);
    }

    @Test
    void findsTheDeviceFileByVendorProductAndSerial() throws IOException {
        device("usbtmc0", "1-2", "0957", "0b0b", "MY51210123", 0);
        device("usbtmc1", "1-3", "0aad", "0054", "101234", 0);
        UsbtmcDevices devices = new UsbtmcDevices(sysfs(), Path.of("/dev"));
        assertEquals(Path.of("/dev/usbtmc1"), devices.deviceFile(usb("USB0::0x0AAD::0x0054::101234::INSTR")));
        assertEquals(Path.of("/dev/usbtmc0"), devices.deviceFile(usb("usb::2391::2827::MY51210123::0::instr")));
        assertEquals(2, devices.list().size());
    }

    @Test
    void noMatchNamesTheResourceAndListsWhatIsThere() throws IOException {
        device("usbtmc0", "1-2", "0957", "0b0b", "MY51210123", 0);
        UsbtmcDevices devices = new UsbtmcDevices(sysfs(), Path.of("/dev"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> devices.deviceFile(usb("USB0::0x0957::0x0B0B::MY00000000::INSTR")));
        assertTrue(e.getMessage().contains("USB0::0x0957::0x0B0B::MY00000000::INSTR")
                && e.getMessage().contains("usbtmc0 (USB::0x0957::0x0B0B::MY51210123::0::INSTR)"), e.getMessage());
        IllegalArgumentException wrongInterface = assertThrows(IllegalArgumentException.class,
                () -> devices.deviceFile(usb("USB0::0x0957::0x0B0B::MY51210123::1::INSTR")));
        assertTrue(wrongInterface.getMessage().contains("no usbtmc device matches"), wrongInterface.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new UsbtmcDevices(root.resolve("empty"), Path.of("/dev"))
                        .deviceFile(usb("USB0::0x0957::0x0B0B::MY51210123::INSTR")));
        assertTrue(none.getMessage().contains("usbtmc module loaded"), none.getMessage());
    }

    @Test
    void twoInterfacesOfOneDeviceNeedTheInterfaceNumber() throws IOException {
        device("usbtmc0", "1-2", "0957", "0b0b", "MY51210123", 0);
        device("usbtmc1", "1-2", "0957", "0b0b", "MY51210123", 1);
        UsbtmcDevices devices = new UsbtmcDevices(sysfs(), Path.of("/dev"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> devices.deviceFile(usb("USB0::0x0957::0x0B0B::MY51210123::INSTR")));
        assertTrue(e.getMessage().contains("matches 2") && e.getMessage().contains("::intf::INSTR"), e.getMessage());
        assertEquals(Path.of("/dev/usbtmc1"), devices.deviceFile(usb("USB0::0x0957::0x0B0B::MY51210123::1::INSTR")));
    }

    @Test
    void resourceStrings() {
        ResourceString.Usbtmc direct = (ResourceString.Usbtmc) ResourceString.parse("usbtmc:///dev/usbtmc0");
        assertEquals("/dev/usbtmc0", direct.devicePath());
        assertEquals("usbtmc:///dev/usbtmc0", direct.text());
        ResourceString.Usbtmc byIds = (ResourceString.Usbtmc) ResourceString.parse("USB0::0x0957::0x0B0B::MY51210123::INSTR");
        assertEquals(0x0957, byIds.id().vendor());
        assertEquals("USB0::0x0957::0x0B0B::MY51210123::INSTR", byIds.text());
        assertThrows(IllegalArgumentException.class, () -> ResourceString.parse("usbtmc://dev/usbtmc0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResourceString.parse("usbtmc:///dev/usbtmc0?term=cr"));
        assertTrue(e.getMessage().contains("usbtmc takes no options"), e.getMessage());
    }
}
