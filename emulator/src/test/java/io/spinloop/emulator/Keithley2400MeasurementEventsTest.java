package io.spinloop.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The emulated 2400's Measurement Event Register through the socket, as the 2400 Series manual's status structure has
 * it: the compliance condition (bit B14 of {@code :STAT:MEAS:COND?}, and {@code :TRIPped?}) is the present state; the
 * compliance event (bit B14 of {@code :STAT:MEAS?}) latches when the source reaches the compliance and stays until
 * the query reads it (which clears it) or {@code *CLS}. A source-only list that reaches the compliance in its middle
 * and returns to the bias ends with the condition clear and the event latched. A 500 ohm device, compliance 0.3 V.
 */
class Keithley2400MeasurementEventsTest {
    private static final String COMPLIANCE = String.valueOf(1 << 14);
    private static final String SOURCE_ONLY_LIST = "*RST;:SOUR:FUNC CURR;:SENS:VOLT:PROT 0.3;:SOUR:CURR 0.1e-3;:OUTP ON;"
            + ":FORM:ELEM CURR;:SENS:FUNC:OFF:ALL;:SOUR:DEL 1e-3;:SOUR:LIST:CURR 0.4e-3,0.8e-3,0.4e-3;:TRIG:COUN 3";

    private static EmulatedBench bench() throws IOException {
        return EmulatedBench.builder().seed(5).device("d", DeviceParameters.defaults().withoutVariation())
                .currentSource("smu", SourceModel.KEITHLEY_2400, 0, "d").timing(Timing.VIRTUAL).start();
    }

    @Test
    void aComplianceInTheMiddleOfASourceOnlyListStaysLatchedAfterTheReturnToTheBias() throws IOException {
        try (EmulatedBench b = bench(); ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write(SOURCE_ONLY_LIST);
            assertEquals("0", s.query(":STAT:MEAS?"), "nothing latched before the list");
            s.write(":SOUR:CURR:MODE LIST");
            assertEquals(3, s.query(":READ?").split(",").length);
            assertEquals("0", s.query(":SENS:VOLT:PROT:TRIP?"), "the return to the bias cleared the condition");
            assertEquals("0", s.query(":STAT:MEAS:COND?"));
            assertEquals(COMPLIANCE, s.query(":STAT:MEAS?"), "the event is latched");
            assertEquals("0", s.query(":STAT:MEAS?"), "and reading it cleared it");
            assertEquals("0,\"No error\"", s.query(":SYST:ERR?"));
        }
    }

    @Test
    void aListUnderTheComplianceLatchesNothing() throws IOException {
        try (EmulatedBench b = bench(); ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write(SOURCE_ONLY_LIST.replace("0.8e-3", "0.5e-3"));
            s.write(":SOUR:CURR:MODE LIST");
            s.query(":READ?");
            assertEquals("0", s.query(":STAT:MEAS?"));
        }
    }

    @Test
    void theConditionFollowsTheLevelAndClsClearsTheEventAndTheEnableFeedsTheStatusByte() throws IOException {
        try (EmulatedBench b = bench(); ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write("*RST;:SOUR:FUNC CURR;:SENS:VOLT:PROT 0.3;:SOUR:CURR 0.8e-3;:OUTP ON");
            assertEquals(COMPLIANCE, s.query(":STAT:MEAS:COND?"), "in compliance now");
            s.write(":STAT:MEAS:ENAB " + COMPLIANCE);
            assertEquals(COMPLIANCE, s.query(":STAT:MEAS:ENAB?"));
            assertEquals(1, Integer.parseInt(s.query("*STB?")) & 1, "the measurement summary bit");
            s.write(":SOUR:CURR 0.1e-3");
            assertEquals("0", s.query(":STAT:MEAS:COND?"), "out of compliance now");
            s.write("*CLS");
            assertEquals("0", s.query(":STAT:MEAS?"), "*CLS cleared the latched event");
            assertEquals(0, Integer.parseInt(s.query("*STB?")) & 1);
        }
    }
}
