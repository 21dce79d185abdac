package io.spinloop.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** jSerialComm reports failures as -1 and a separate errno: the link turns them into exceptions naming the port. */
class SerialLinkTest {
    private final SerialPort port = mock(SerialPort.class);
    private final SerialLink link = new SerialLink(port, "/dev/ttyUSB0");

    @Test
    void readFailureNamesThePortAndErrno() {
        when(port.readBytes(any(byte[].class), anyInt(), anyInt())).thenReturn(-1);
        when(port.getLastErrorCode()).thenReturn(5);
        IOException e = assertThrows(IOException.class, () -> link.read(new byte[16], 0, 16, 100));
        assertTrue(e.getMessage().contains("/dev/ttyUSB0") && e.getMessage().contains("errno 5"), e.getMessage());
    }

    @Test
    void readTimeoutIsZeroBytesAndSetsTheSemiBlockingTimeoutOnce() throws IOException {
        when(port.readBytes(any(byte[].class), anyInt(), anyInt())).thenReturn(0);
        assertEquals(0, link.read(new byte[16], 0, 16, 250));
        assertEquals(0, link.read(new byte[16], 0, 16, 250));
        verify(port, org.mockito.Mockito.times(1)).setComPortTimeouts(
                eq(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING), eq(250), eq(250));
    }

    @Test
    void partialWritesAreCompletedAndFailuresNamed() throws IOException {
        byte[] msg = "*IDN?\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        when(port.writeBytes(any(byte[].class), anyInt(), anyInt())).thenReturn(2, 4);
        link.write(msg, 0, msg.length);
        verify(port).writeBytes(msg, 6, 0);
        verify(port).writeBytes(msg, 4, 2);

        when(port.writeBytes(any(byte[].class), anyInt(), anyInt())).thenReturn(-1);
        when(port.getLastErrorCode()).thenReturn(19);
        IOException e = assertThrows(IOException.class, () -> link.write(msg, 0, msg.length));
        assertTrue(e.getMessage().contains("/dev/ttyUSB0") && e.getMessage().contains("errno 19"), e.getMessage());
    }

    @Test
    void aPortThatCannotBeOpenedIsNamed() {
        ResourceString.Serial r = (ResourceString.Serial) ResourceString.parse("serial:///dev/spinloop-no-such-port");
        TransportException e = assertThrows(TransportException.class,
                () -> Transports.open(r, io.spinloop.drivers.Timeouts.DEFAULT));
        assertTrue(e.getMessage().contains("/dev/spinloop-no-such-port"), e.getMessage());
    }
}
