package io.spinloop.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResourceStringTest {

    @Test
    void parsesTcp() {
        ResourceString.Tcp r = (ResourceString.Tcp) ResourceString.parse("tcp://192.168.1.20:5025");
        assertEquals("192.168.1.20", r.host());
        assertEquals(5025, r.port());
        assertEquals(Terminator.LF, r.terminator());
        assertEquals("tcp://192.168.1.20:5025", r.text());
    }

    @Test
    void parsesTcpWithIpv6AndTerminator() {
        ResourceString.Tcp r = (ResourceString.Tcp) ResourceString.parse("TCP://[::1]:5026?term=crlf");
        assertEquals("::1", r.host());
        assertEquals(5026, r.port());
        assertEquals(Terminator.CRLF, r.terminator());
    }

    @Test
    void parsesSerialWithEveryOption() {
        ResourceString.Serial r = (ResourceString.Serial) ResourceString.parse(
                "serial:///dev/ttyUSB0?baud=19200&parity=even&data=7&stop=2&flow=rtscts&term=cr");
        assertEquals("/dev/ttyUSB0", r.path());
        assertEquals(19200, r.baud());
        assertEquals(7, r.dataBits());
        assertEquals(ResourceString.Parity.EVEN, r.parity());
        assertEquals(ResourceString.StopBits.TWO, r.stopBits());
        assertEquals(ResourceString.FlowControl.RTS_CTS, r.flow());
        assertEquals(Terminator.CR, r.terminator());
    }

    @Test
    void serialDefaultsAre9600EightNoneOne() {
        ResourceString.Serial r = (ResourceString.Serial) ResourceString.parse("serial:///tmp/ttyV0");
        assertEquals(9600, r.baud());
        assertEquals(8, r.dataBits());
        assertEquals(ResourceString.Parity.NONE, r.parity());
        assertEquals(ResourceString.StopBits.ONE, r.stopBits());
        assertEquals(ResourceString.FlowControl.NONE, r.flow());
        assertEquals(Terminator.LF, r.terminator());
        assertEquals("serial:///tmp/ttyV0?baud=9600&data=8&parity=none&stop=1&flow=none&term=lf", r.text());
    }

    @Test
    void refusesWhatWouldOtherwiseBeSilentlyIgnored() {
        assertBad("serial:///dev/ttyUSB0?baud=9600&partiy=none", "partiy");
        assertBad("serial:///dev/ttyUSB0?parity=sometimes", "parity=sometimes");
        assertBad("serial:///dev/ttyUSB0?stop=3", "stop=3");
        assertBad("serial:///dev/ttyUSB0?baud=fast", "baud=fast");
        assertBad("serial:///dev/ttyUSB0?data=9", "data bits");
        assertBad("serial:///dev/ttyUSB0?baud=9600&baud=19200", "twice");
        assertBad("tcp://localhost", "missing port");
        assertBad("tcp://localhost:70000", "port 70000 is out of range 1\u201365535");
        assertBad("tcp://localhost:99999", "port 99999 is out of range 1\u201365535");
        assertBad("tcp://localhost:99999999999", "port 99999999999 is out of range 1\u201365535");
        assertBad("tcp://localhost:0", "port 0 is out of range");
        assertBad("tcp://localhost:50x5", "port '50x5' is not a number");
        assertBad("tcp://localhost:5025?term=nl", "term=nl");
        assertBad("gpib://22", "expected tcp://");
        assertBad("serial://?baud=9600", "port path");
    }

    @Test
    void anUnknownHostIsNamedAsOneWithTheResource() {
        // .invalid never resolves (RFC 6761), and resolvers answer so at once.
        TransportException e = assertThrows(TransportException.class,
                () -> Transports.open("tcp://foo.invalid:5025", io.spinloop.drivers.Timeouts.DEFAULT));
        assertEquals("unknown host 'foo.invalid' in resource tcp://foo.invalid:5025", e.getMessage());
    }

    private static void assertBad(String resource, String expectedFragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResourceString.parse(resource));
        assertTrue(e.getMessage().contains(resource) || e.getMessage().contains(expectedFragment), e.getMessage());
        assertTrue(e.getMessage().contains(expectedFragment), e.getMessage());
    }
}
