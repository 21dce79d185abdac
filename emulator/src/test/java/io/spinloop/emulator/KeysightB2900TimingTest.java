package io.spinloop.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The emulated B2900's list point period against its trigger model: one trigger starts the source (transient) and
 * measure (acquire) actions together, so a point lasts max(transient delay, acquire delay + NPLC / 60 Hz) + 0.1 ms
 * processing; a transient alone ({@code :INIT:TRAN}) lasts its delay and the processing, or the timer's interval when
 * the timer paces it. What the B2900 does not have (auto zero) is an undefined header; an NPLC outside its range is set
 * to the nearest limit. Virtual time, so the periods are exact.
 */
class KeysightB2900TimingTest {
    private static final String SETUP = "*RST;:SOUR:FUNC:MODE CURR;:SENS:VOLT:PROT 5;:SOUR:CURR 0.5e-3;:OUTP ON;"
            + ":SOUR:LIST:CURR 1e-3,2e-3,3e-3;:TRIG:COUN 3;:SOUR:CURR:MODE LIST";

    private static EmulatedBench bench() throws IOException {
        return EmulatedBench.builder().seed(5).device("d", DeviceParameters.defaults().withoutVariation())
                .currentSource("smu", SourceModel.KEYSIGHT_B2901A, 0, "d").timing(Timing.VIRTUAL).start();
    }

    /** Time between the second and third steps of the 3-point list, s. */
    private static double period(EmulatedBench b) {
        List<SourceEvent> steps = b.history("smu").stream()
                .filter(e -> e.cause() == SourceEvent.Cause.SWEEP_STEP).toList();
        assertEquals(3, steps.size());
        return steps.get(2).time() - steps.get(1).time();
    }

    @ParameterizedTest(name = "{0} {1} -> {2} ms")
    @CsvSource(delimiter = '|', value = {
        // measured: max(transient delay, acquire delay + NPLC / 60) + 0.1 ms
        // *RST: 0.1 NPLC
        ":TRIG:ACQ:DEL 1e-3 | :INIT | 2.76667",
        ":TRIG:ACQ:DEL 1e-3;:SENS:VOLT:NPLC 1 | :INIT | 17.7667",
        ":TRIG:ACQ:DEL 1e-3;:SENS:VOLT:NPLC 0.01 | :INIT | 1.26667",
        ":TRIG:TRAN:DEL 0.5e-3;:TRIG:ACQ:DEL 1.5e-3;:SENS:VOLT:NPLC 0.01 | :INIT | 1.76667",
        // a transient delay longer than the acquisition sets the pace
        ":TRIG:TRAN:DEL 20e-3;:TRIG:ACQ:DEL 1e-3;:SENS:VOLT:NPLC 1 | :INIT | 20.1",
        // source only: the transient alone, or the timer's interval when it paces the transient
        ":TRIG:TRAN:DEL 0.5e-3 | :INIT:TRAN | 0.6",
        ":TRIG:TRAN:DEL 0.5e-3;:TRIG:TRAN:TIM 1.5e-3;:TRIG:TRAN:SOUR TIM | :INIT:TRAN | 1.5",
        // a timer shorter than the point's actions does not shorten it
        ":TRIG:ACQ:DEL 1e-3;:SENS:VOLT:NPLC 0.01;:TRIG:TRAN:TIM 1e-4;:TRIG:TRAN:SOUR TIM | :INIT | 1.26667",
    })
    void thePointLastsWhatTheTriggerModelGives(String settings, String start, double expectedMs) throws IOException {
        try (EmulatedBench b = bench(); ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write(SETUP);
            s.write(settings);
            s.write(start);
            s.query("*OPC?");
            assertEquals("0,\"No error\"", s.query(":SYST:ERR?"));
            assertEquals(expectedMs, period(b) * 1e3, 1e-4);
        }
    }

    @Test
    void aTransientAloneReadsNoVoltage() throws IOException {
        try (EmulatedBench b = bench(); ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write(SETUP);
            s.write(":INIT:TRAN");
            for (String v : s.query(":FETC:ARR:VOLT?").split(",")) {
                assertEquals(9.91e37, Double.parseDouble(v), 1e31, "not measured");
            }
        }
    }

    @Test
    void theSettingsReadBackAndWhatTheB2900LacksIsRefused() throws IOException {
        try (EmulatedBench b = bench(); ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write("*RST;:TRIG:TRAN:DEL 2e-3;:TRIG:ACQ:DEL 3e-3;:SENS:CURR:NPLC 0.2");
            assertEquals(2e-3, Double.parseDouble(s.query(":TRIG:TRAN:DEL?")), 1e-12);
            assertEquals(3e-3, Double.parseDouble(s.query(":TRIG:ACQ:DEL?")), 1e-12);
            assertEquals(0.2, Double.parseDouble(s.query(":SENS:VOLT:NPLC?")), 1e-12, "one NPLC for every function");
            assertEquals(0.2 / 60, Double.parseDouble(s.query(":SENS:VOLT:APER?")), 1e-9);
            s.write(":SENS:VOLT:NPLC 1000");
            assertEquals(120, Double.parseDouble(s.query(":SENS:VOLT:NPLC?")), 1e-9, "set to the maximum, no error");
            s.write(":SENS:VOLT:NPLC 1e-5");
            assertEquals(4.8e-4, Double.parseDouble(s.query(":SENS:VOLT:NPLC?")), 1e-12, "set to the minimum");
            assertEquals("0,\"No error\"", s.query(":SYST:ERR?"));
            s.write(":SYST:AZER OFF");
            assertTrue(s.query(":SYST:ERR?").startsWith("-113"), "the B2900 has no auto zero");
            s.write(":OUTP:PROT ON");
            assertEquals("1", s.query(":OUTP:PROT?"));
        }
    }

    @Test
    void withOutputProtectionARunStopsAtTheFirstPointInComplianceWithTheOutputOff() throws IOException {
        try (EmulatedBench b = bench(); ScpiClient s = new ScpiClient(b.address("smu"))) {
            // 500 ohm: 1 mA reads 0.5 V, within 0.8 V; 2 mA would need 1 V
            s.write("*RST;:SOUR:FUNC:MODE CURR;:SENS:VOLT:PROT 0.8;:SOUR:CURR 0.5e-3;:OUTP ON;:OUTP:PROT ON;"
                    + ":SOUR:LIST:CURR 1e-3,2e-3,3e-3;:TRIG:COUN 3;:SOUR:CURR:MODE LIST;:SENS:FUNC:OFF:ALL");
            s.write(":INIT:TRAN");
            s.query("*OPC?");
            assertEquals("0", s.query(":OUTP?"), "switched off at the trip");
            assertEquals("1", s.query(":SENS:VOLT:PROT:TRIP?"));
            List<SourceEvent> steps = b.history("smu").stream()
                    .filter(e -> e.cause() == SourceEvent.Cause.SWEEP_STEP).toList();
            assertEquals(2, steps.size(), "the third point is never sourced");
            SourceEvent last = b.history("smu").get(b.history("smu").size() - 1);
            assertEquals(0, last.flowingCurrent(), 0, "no current after the trip");
        }
    }
}
