package io.spinloop.drivers.transport;

import io.spinloop.drivers.Timeouts;
import java.time.Duration;

/** Opens a {@link Transport} from a resource string. */
public final class Transports {
    private Transports() {
    }

    /**
     * Opens the transport a resource string describes.
     *
     * @param resource {@code tcp://host:port}, {@code serial:///dev/ttyUSB0?baud=...} or a VISA form ({@link ResourceString#SUPPORTED})
     * @throws IllegalArgumentException for a malformed resource string
     * @throws TransportException       if the instrument cannot be reached
     */
    public static Transport open(String resource, Timeouts timeouts) {
        return open(ResourceString.parse(resource), timeouts);
    }

    public static Transport open(ResourceString resource, Timeouts timeouts) {
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, timeouts.connect().toMillis());
        Duration read = timeouts.read();
        if (resource instanceof ResourceString.Tcp tcp) {
            return new FramedTransport(tcp.text(), tcp.terminator(), read,
                    ignoredTimeout -> TcpLink.connect(tcp, connectMillis)).open();
        }
        if (resource instanceof ResourceString.Gpib gpib) {
            PrologixController controller = PrologixController.acquire(gpib.controller(), connectMillis, read);
            return controller.transport(gpib, read);
        }
        if (resource instanceof ResourceString.Usbtmc usbtmc) {
            return openUsbtmc(usbtmc, UsbtmcDevices.system(), read);
        }
        if (resource instanceof ResourceString.Vxi11 vxi11) {
            return new Vxi11Transport(vxi11, connectMillis, read).open();
        }
        if (resource instanceof ResourceString.Hislip hislip) {
            return new HislipTransport(hislip, connectMillis, read).open();
        }
        ResourceString.Serial serial = (ResourceString.Serial) resource;
        return new FramedTransport(serial.text(), serial.terminator(), read,
                timeout -> SerialLinks.open(serial, timeout)).keepLineAfterTimeout().open();
    }

    /** A USBTMC instrument, its device file found through {@code devices} if the resource names it by USB ids. */
    static Transport openUsbtmc(ResourceString.Usbtmc usbtmc, UsbtmcDevices devices, Duration read) {
        String path;
        try {
            path = usbtmc.devicePath() != null ? usbtmc.devicePath() : devices.deviceFile(usbtmc.id()).toString();
        } catch (IllegalArgumentException e) {
            throw new TransportException("cannot open " + usbtmc.text() + ": " + e.getMessage(), e);
        }
        String label = usbtmc.devicePath() != null ? usbtmc.text() : usbtmc.text() + " at usbtmc://" + path;
        return new FramedTransport(label, Terminator.LF, read, ignored -> UsbtmcLink.open(path))
                .keepLineAfterTimeout().open();
    }
}
