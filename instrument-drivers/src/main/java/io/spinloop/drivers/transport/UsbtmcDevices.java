package io.spinloop.drivers.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the Linux {@code usbtmc} kernel driver's device file ({@code /dev/usbtmcN}) of a
 * {@code USB[n]::vid::pid::serial[::intf]::INSTR} resource, by reading sysfs: each
 * {@code class/usbmisc/usbtmcN/device} is the USB interface the driver bound, with {@code bInterfaceNumber}; its
 * parent, the USB device, has {@code idVendor}, {@code idProduct} (hex) and {@code serial}. Both roots are
 * parameters so that tests can lay out a fake tree; {@link #system()} reads {@code /sys} and {@code /dev}.
 */
public final class UsbtmcDevices {
    private final Path sysfs;
    private final Path dev;

    public UsbtmcDevices(Path sysfs, Path dev) {
        this.sysfs = sysfs;
        this.dev = dev;
    }

    /** The machine's own: {@code /sys} and {@code /dev}. */
    public static UsbtmcDevices system() {
        return new UsbtmcDevices(Path.of("/sys"), Path.of("/dev"));
    }

    /** One usbtmc device the kernel knows, as sysfs describes it. */
    public record Found(String name, int vendor, int product, String serial, int intf) {
        String describe() {
            return String.format(Locale.ROOT, "%s (USB::0x%04X::0x%04X::%s::%d::INSTR)", name, vendor, product,
                    serial, intf);
        }
    }

    /**
     * The device file of {@code usb}.
     *
     * @throws IllegalArgumentException naming the resource and listing the usbtmc devices present when none
     *                                  (or more than one) matches
     */
    public Path deviceFile(VisaResource.Usb usb) {
        List<Found> all = list();
        List<Found> matches = new ArrayList<>();
        for (Found f : all) {
            if (f.vendor() == usb.vendor() && f.product() == usb.product() && f.serial().equals(usb.serial())
                    && (usb.intf() < 0 || usb.intf() == f.intf())) {
                matches.add(f);
            }
        }
        if (matches.size() == 1) {
            return dev.resolve(matches.get(0).name());
        }
        String present = all.isEmpty() ? "none (is the instrument plugged in and the usbtmc module loaded?)"
                : String.join(", ", all.stream().map(Found::describe).toList());
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no usbtmc device matches " + usb.text() + " in "
                    + sysfs.resolve("class/usbmisc") + "; usbtmc devices present: " + present);
        }
        throw new IllegalArgumentException(usb.text() + " matches " + matches.size() + " usbtmc interfaces ("
                + present + "); name the interface: USB0::vid::pid::serial::intf::INSTR");
    }

    /** Every usbtmc device in sysfs, by name. */
    public List<Found> list() {
        Path usbmisc = sysfs.resolve("class/usbmisc");
        List<Found> found = new ArrayList<>();
        if (!Files.isDirectory(usbmisc)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(usbmisc, "usbtmc*")) {
            for (Path entry : entries) {
                Path intf = entry.resolve("device");
                Path device = intf.toRealPath().getParent();
                String vendor = attribute(device, "idVendor");
                String product = attribute(device, "idProduct");
                if (vendor == null || product == null) {
                    continue; // not laid out as a USB device: nothing to match on
                }
                String serial = attribute(device, "serial");
                String number = attribute(intf, "bInterfaceNumber");
                found.add(new Found(entry.getFileName().toString(), Integer.parseInt(vendor, 16),
                        Integer.parseInt(product, 16), serial == null ? "" : serial,
                        number == null ? 0 : Integer.parseInt(number, 16)));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the usbtmc devices in " + usbmisc + ": " + e.getMessage(), e);
        }
        found.sort((a, b) -> a.name().compareTo(b.name()));
        return found;
    }

    private static String attribute(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.US_ASCII).trim() : null;
    }
}
