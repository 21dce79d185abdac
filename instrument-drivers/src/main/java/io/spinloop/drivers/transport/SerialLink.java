package io.spinloop.drivers.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/**
 * An RS-232 port through jSerialComm. jSerialComm reports failures as -1 return values and an errno
 * fetched separately; this class turns each of them into an exception naming the port and the errno.
 * Ports are opened by path (pseudo-terminals are not enumerated by jSerialComm, so never by listing).
 */
final class SerialLink implements ByteLink {
    private final SerialPort port;
    private final String name;
    private int currentTimeout = -1;

    SerialLink(SerialPort port, String name) {
        this.port = port;
        this.name = name;
    }

    static SerialLink open(ResourceString.Serial resource, int timeoutMillis) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(resource.path());
        } catch (RuntimeException e) {
            throw new IOException("serial port " + resource.path() + " cannot be found: " + e.getMessage(), e);
        }
        int stop = switch (resource.stopBits()) {
            case ONE -> SerialPort.ONE_STOP_BIT;
            case ONE_POINT_FIVE -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case TWO -> SerialPort.TWO_STOP_BITS;
        };
        int parity = switch (resource.parity()) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
        int flow = switch (resource.flow()) {
            case NONE -> SerialPort.FLOW_CONTROL_DISABLED;
            case RTS_CTS -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case XON_XOFF -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
        };
        port.setComPortParameters(resource.baud(), resource.dataBits(), stop, parity);
        port.setFlowControl(flow);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                Math.max(1, timeoutMillis), Math.max(1, timeoutMillis));
        if (!port.openPort()) {
            throw new IOException("serial port " + resource.path() + " cannot be opened (errno "
                    + port.getLastErrorCode() + " at " + port.getLastErrorLocation()
                    + "; does it exist and may this user open it?)");
        }
        // Bytes left in the OS buffers from before (a late reply, line noise) must not be read as a reply.
        port.flushIOBuffers();
        SerialLink link = new SerialLink(port, resource.path());
        link.currentTimeout = timeoutMillis;
        return link;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException {
        if (timeoutMillis != currentTimeout) {
            // Semi-blocking: return as soon as at least one byte is there; the framing loops for the rest.
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                    Math.max(1, timeoutMillis), Math.max(1, timeoutMillis));
            currentTimeout = timeoutMillis;
        }
        int n = port.readBytes(buffer, length, offset);
        if (n < 0) {
            throw new IOException("read from serial port " + name + " failed (errno " + port.getLastErrorCode()
                    + "; unplugged?)");
        }
        return n;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = port.writeBytes(buffer, length - done, offset + done);
            if (n < 0) {
                throw new IOException("write to serial port " + name + " failed (errno " + port.getLastErrorCode()
                        + "; unplugged?)");
            }
            if (n == 0) {
                throw new IOException("write to serial port " + name + " timed out (flow control holding the line?)");
            }
            done += n;
        }
    }

    @Override
    public void close() {
        port.closePort();
    }
}
