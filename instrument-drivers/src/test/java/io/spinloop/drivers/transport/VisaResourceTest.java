package io.spinloop.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every VISA form the issue lists, in any case, with and without its optional parts, and what is refused. */
class VisaResourceTest {

    @Test
    void socketWithAndWithoutBoardNumberInAnyCase() {
        assertEquals(new VisaResource.Socket(0, "192.168.1.20", 5025), VisaResource.parse("TCPIP0::192.168.1.20::5025::SOCKET"));
        assertEquals(new VisaResource.Socket(0, "lab-smu", 5025), VisaResource.parse("tcpip::lab-smu::5025::socket"));
        assertEquals(new VisaResource.Socket(3, "h", 1), VisaResource.parse("TcpIp3::h::1::Socket"));
        assertEquals("TCPIP0::lab-smu::5025::SOCKET", VisaResource.parse("tcpip::lab-smu::5025::socket").text());
    }

    @Test
    void vxi11WithTheDefaultOrANamedDevice() {
        assertEquals(new VisaResource.Vxi11(0, "10.0.0.5", "inst0"), VisaResource.parse("TCPIP::10.0.0.5::INSTR"));
        assertEquals(new VisaResource.Vxi11(1, "10.0.0.5", "inst0"), VisaResource.parse("tcpip1::10.0.0.5::INST0::instr"));
        assertEquals(new VisaResource.Vxi11(0, "gw", "gpib0,5"), VisaResource.parse("TCPIP0::gw::gpib0,5::INSTR"));
    }

    @Test
    void hislipWithTheDefaultOrAGivenPort() {
        assertEquals(new VisaResource.Hislip(0, "fsv", "hislip0", 4880), VisaResource.parse("TCPIP0::fsv::hislip0::INSTR"));
        assertEquals(new VisaResource.Hislip(0, "fsv", "hislip0", 4999), VisaResource.parse("tcpip::fsv::HISLIP0,4999::instr"));
        assertEquals("TCPIP0::fsv::hislip0,4999::INSTR", VisaResource.parse("tcpip::fsv::HISLIP0,4999::instr").text());
    }

    @Test
    void serialByPathOrByNumberCountedFromOne() {
        assertEquals(new VisaResource.Asrl("/dev/ttyUSB0"), VisaResource.parse("ASRL/dev/ttyUSB0::INSTR"));
        assertEquals(new VisaResource.Asrl("/dev/ttyS0"), VisaResource.parse("asrl1::instr"));
        assertEquals(new VisaResource.Asrl("/dev/ttyS3"), VisaResource.parse("ASRL4::INSTR"));
    }

    @Test
    void gpibWithAndWithoutSecondaryAddress() {
        assertEquals(new VisaResource.Gpib(0, 24, -1), VisaResource.parse("GPIB0::24::INSTR"));
        assertEquals(new VisaResource.Gpib(0, 24, -1), VisaResource.parse("gpib::24::instr"));
        assertEquals(new VisaResource.Gpib(1, 5, 2), VisaResource.parse("GPIB1::5::2::INSTR"));
        assertEquals("GPIB1::5::2::INSTR", VisaResource.parse("gpib1::5::2::instr").text());
    }

    @Test
    void usbWithHexOrDecimalIds() {
        assertEquals(new VisaResource.Usb(0, 0x0957, 0x0D0B, "MY49431234", -1),
                VisaResource.parse("USB0::0x0957::0x0D0B::MY49431234::INSTR"));
        assertEquals(new VisaResource.Usb(0, 2391, 3339, "MY1", 0), VisaResource.parse("usb::2391::3339::MY1::0::instr"));
        assertEquals("USB0::0x0957::0x0D0B::MY1::INSTR", VisaResource.parse("usb::2391::3339::MY1::instr").text());
    }

    @Test
    void malformedStringsAreRefusedWithTheForms() {
        assertBad("GPIB0::31::INSTR", "primary address 31 is out of range");
        assertBad("GPIB0::5::31::INSTR", "secondary address 31");
        assertBad("GPIB0::x::INSTR", "'x' is not a number");
        assertBad("TCPIP0::h::70000::SOCKET", "port 70000 is out of range");
        assertBad("TCPIP0::h::SOCKET", "TCPIP[n]::host::port::SOCKET");
        assertBad("GPIB0::5::SOCKET", "only TCPIP");
        assertBad("ASRL0::INSTR", "ASRL1 = /dev/ttyS0");
        assertBad("TCPIP0::h::5025", "ends in ::INSTR or ::SOCKET");
        assertBad("TCPIP0::::INSTR", "empty part");
        assertBad("TCPIPx::h::INSTR", "board number 'x'");
        assertBad("TCPIP0::h::hislipX::INSTR", "hislip0[,port]");
        assertBad("USB0::0xZZ::0x1::S::INSTR", "vendor id");
    }

    @Test
    void socketAndSerialOpenAsTheExistingTransports() {
        ResourceString.Tcp tcp = (ResourceString.Tcp) ResourceString.parse("tcpip0::127.0.0.1::5025::socket?term=crlf");
        assertEquals(new ResourceString.Tcp("127.0.0.1", 5025, Terminator.CRLF), tcp);
        ResourceString.Serial s = (ResourceString.Serial) ResourceString.parse("ASRL/dev/ttyUSB0::INSTR?baud=19200");
        assertEquals("/dev/ttyUSB0", s.path());
        assertEquals(19200, s.baud());
        assertEquals("/dev/ttyS1", ((ResourceString.Serial) ResourceString.parse("ASRL2::INSTR")).path());
    }

    /** Every VISA form has a transport now (USBTMC last: UsbtmcDevicesTest); what is none of them is refused. */
    @Test
    void anUnknownFormIsRefusedInOneLineNamingTheSupportedOnes() {
        for (String r : new String[] {"PXI0::3-18::INSTR", "gpib://0/18"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResourceString.parse(r));
            assertTrue(e.getMessage().contains("'" + r + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("TCPIP[n]::host::port::SOCKET"), e.getMessage());
            assertTrue(e.getMessage().contains("tcp://host:port"), e.getMessage());
            assertTrue(e.getMessage().contains("usbtmc:///dev/usbtmcN"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
        assertTrue(ResourceString.parse("USB0::0x0957::0x0D0B::MY1::INSTR") instanceof ResourceString.Usbtmc);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResourceString.parse("TCPIP0::h::5025::SOCKET?baud=9600"));
        assertTrue(e.getMessage().contains("unknown option 'baud'"), e.getMessage());
    }

    @Test
    void vxi11AndHislipMapOntoTheirTransports() {
        ResourceString.Vxi11 v = (ResourceString.Vxi11) ResourceString.parse("TCPIP::10.0.0.5::INSTR");
        assertEquals(new VisaResource.Vxi11(0, "10.0.0.5", "inst0"), v.address());
        assertEquals(111, v.portmapperPort());
        assertEquals("TCPIP0::10.0.0.5::inst0::INSTR", v.text());
        ResourceString.Vxi11 w = (ResourceString.Vxi11) ResourceString.parse("TCPIP0::gw::inst1::INSTR?portmapper=1111");
        assertEquals(1111, w.portmapperPort());
        assertEquals("TCPIP0::gw::inst1::INSTR?portmapper=1111", w.text());
        ResourceString.Hislip h = (ResourceString.Hislip) ResourceString.parse("TCPIP0::fsv::hislip0,4999::INSTR");
        assertEquals(new VisaResource.Hislip(0, "fsv", "hislip0", 4999), h.address());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResourceString.parse("TCPIP0::gw::INSTR?portmapper=0"));
        assertTrue(e.getMessage().contains("'TCPIP0::gw::INSTR?portmapper=0'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResourceString.parse("TCPIP0::gw::INSTR?pm=1"));
        assertTrue(e.getMessage().contains("unknown option 'pm' (VXI-11 knows: portmapper, term)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResourceString.parse("TCPIP0::fsv::hislip0::INSTR?x=1"));
        assertTrue(e.getMessage().contains("HiSLIP takes no options"), e.getMessage());
    }

    private static void assertBad(String resource, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VisaResource.parse(resource));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().contains(resource), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResourceString.parse(resource));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
