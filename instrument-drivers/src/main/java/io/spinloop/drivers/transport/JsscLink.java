package io.spinloop.drivers.transport;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import jssc.SerialPort;
import jssc.SerialPortException;

/**
 * An RS-232 port through jssc, the second serial backend ({@code backend=jssc} in a serial resource). jssc reads
 * an exact count of bytes, so a read waits until bytes are buffered and then takes what is there; its failures (exceptions with a port name and a reason) are turned into IOExceptions naming the port.
 */
final class JsscLink implements ByteLink {
    private final SerialPort port;
    private final String name;

    private JsscLink(SerialPort port, String name) {
        this.port = port;
        this.name = name;
    }

    static JsscLink open(ResourceString.Serial resource) throws IOException {
        SerialPort port = new SerialPort(resource.path());
        int stop = switch (resource.stopBits()) {
            case ONE -> SerialPort.STOPBITS_1;
            case ONE_POINT_FIVE -> SerialPort.STOPBITS_1_5;
            case TWO -> SerialPort.STOPBITS_2;
        };
        int parity = switch (resource.parity()) {
            case NONE -> SerialPort.PARITY_NONE;
            case EVEN -> SerialPort.PARITY_EVEN;
            case ODD -> SerialPort.PARITY_ODD;
            case MARK -> SerialPort.PARITY_MARK;
            case SPACE -> SerialPort.PARITY_SPACE;
        };
        int flow = switch (resource.flow()) {
            case NONE -> SerialPort.FLOWCONTROL_NONE;
            case RTS_CTS -> SerialPort.FLOWCONTROL_RTSCTS_IN | SerialPort.FLOWCONTROL_RTSCTS_OUT;
            case XON_XOFF -> SerialPort.FLOWCONTROL_XONXOFF_IN | SerialPort.FLOWCONTROL_XONXOFF_OUT;
        };
        try {
            port.openPort();
        } catch (SerialPortException e) {
            throw new IOException("serial port " + resource.path() + " cannot be opened with jssc ("
                    + e.getExceptionType() + "; does it exist and may this user open it?)", e);
        }
        try {
            // setParams also raises RTS and DTR, which a pseudo-terminal has no lines for: its false is not fatal
            // there, but a port that takes neither speed nor framing is.
            if (!port.setParams(resource.baud(), resource.dataBits(), stop, parity) && !isPseudoTerminal(resource)) {
                throw new IOException("serial port " + resource.path() + " refused " + resource.baud() + " baud, "
                        + resource.dataBits() + " data bits (jssc)");
            }
            port.setFlowControlMode(flow);
            // Bytes left in the OS buffers from before (a late reply, line noise) must not be read as a reply.
            port.purgePort(SerialPort.PURGE_RXCLEAR | SerialPort.PURGE_TXCLEAR);
        } catch (SerialPortException | IOException e) {
            close(port);
            throw e instanceof IOException io ? io : new IOException("serial port " + resource.path()
                    + " cannot be set up with jssc: " + ((SerialPortException) e).getExceptionType(), e);
        }
        return new JsscLink(port, resource.path());
    }

    private static boolean isPseudoTerminal(ResourceString.Serial resource) {
        try {
            return java.nio.file.Path.of(resource.path()).toRealPath().toString().startsWith("/dev/pts/");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException {
        try {
            // jssc's own timed read polls once a millisecond; a reply usually comes within tens of microseconds, so
            // poll sooner at first and back off to a millisecond while an instrument is busy.
            long deadline = System.nanoTime() + Math.max(1, timeoutMillis) * 1_000_000L;
            long pause = 20_000;
            int available;
            while ((available = port.getInputBufferBytesCount()) <= 0) {
                if (System.nanoTime() - deadline >= 0) {
                    return 0;
                }
                LockSupport.parkNanos(pause);
                pause = Math.min(1_000_000, pause * 2);
            }
            byte[] got = port.readBytes(Math.min(length, available));
            System.arraycopy(got, 0, buffer, offset, got.length);
            return got.length;
        } catch (SerialPortException e) {
            throw new IOException("read from serial port " + name + " failed (jssc: " + e.getExceptionType()
                    + "; unplugged?)", e);
        }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        byte[] bytes = offset == 0 && length == buffer.length ? buffer
                : java.util.Arrays.copyOfRange(buffer, offset, offset + length);
        try {
            if (!port.writeBytes(bytes)) {
                throw new IOException("write to serial port " + name + " failed (jssc; unplugged?)");
            }
        } catch (SerialPortException e) {
            throw new IOException("write to serial port " + name + " failed (jssc: " + e.getExceptionType()
                    + "; unplugged?)", e);
        }
    }

    @Override
    public void close() {
        close(port);
    }

    private static void close(SerialPort port) {
        try {
            port.closePort();
        } catch (SerialPortException ignored) {
            // already closed or gone: nothing left to release
        }
    }
}
