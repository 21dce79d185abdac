package io.spinloop.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** GPIB behind a Prologix GPIB-USB (a serial controller), and the serial backend option. */
class SerialControllerResourceTest {

    @Test
    void aGpibInstrumentBehindASerialControllerTakesTheRestOfTheStringAsTheControllersResource() {
        ResourceString.Gpib g = (ResourceString.Gpib) ResourceString.parse(
                "GPIB0::24::INSTR?via=serial:///dev/ttyACM0?baud=115200&backend=jssc");
        assertEquals(24, g.address().primary());
        ResourceString.Serial controller = (ResourceString.Serial) g.controller();
        assertEquals("/dev/ttyACM0", controller.path());
        assertEquals(115200, controller.baud());
        assertEquals(ResourceString.SerialBackend.JSSC, controller.backend());
        assertEquals("GPIB0::24::INSTR?via=serial:///dev/ttyACM0?baud=115200&data=8&parity=none&stop=1&flow=none"
                + "&term=lf&backend=jssc", g.text());
        assertEquals(g, ResourceString.parse(g.text()), "the canonical text parses back to the same resource");
    }

    @Test
    void theControllerMayBeWrittenAsAVisaSerialPortAfterOtherOptions() {
        ResourceString.Gpib g = (ResourceString.Gpib) ResourceString.parse(
                "gpib0::5::2::instr?term=lf&via=ASRL/dev/ttyUSB3::INSTR");
        assertEquals(2, g.address().secondary());
        assertEquals("/dev/ttyUSB3", ((ResourceString.Serial) g.controller()).path());
        assertEquals(ResourceString.SerialBackend.JSERIALCOMM, ((ResourceString.Serial) g.controller()).backend());
    }

    @Test
    void refusals() {
        assertBad("GPIB0::24::INSTR?via=serial:///dev/ttyACM0?backend=rxtx", "backend=rxtx");
        assertBad("GPIB0::24::INSTR?via=ASRL/dev/ttyUSB0::INSTR&speed=1", "speed");
        assertBad("GPIB0::24::INSTR?via=host&via=serial:///dev/ttyUSB0", "via");
        assertBad("serial:///dev/ttyUSB0?backend=", "backend=");
    }

    @Test
    void theSerialBackendDefaultsToJSerialCommAndOnlyJsscIsWrittenOut() {
        ResourceString.Serial plain = (ResourceString.Serial) ResourceString.parse("serial:///dev/ttyUSB0");
        assertEquals(ResourceString.SerialBackend.JSERIALCOMM, plain.backend());
        assertTrue(!plain.text().contains("backend"), plain.text());
        ResourceString.Serial named = (ResourceString.Serial) ResourceString.parse("ASRL1::INSTR?backend=JSerialComm");
        assertEquals(ResourceString.SerialBackend.JSERIALCOMM, named.backend());
        assertEquals("/dev/ttyS0", named.path());
    }

    private static void assertBad(String resource, String mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResourceString.parse(resource));
        assertTrue(e.getMessage().contains(mentions) && e.getMessage().contains(resource), e.getMessage());
    }
}
