package io.spinloop.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The list point period of the emulated Keithleys against the numbers the manuals give: trigger delay + source delay
 * + integration (NPLC / 60 Hz; with auto zero on, the reference and zero readings integrate as long again each, so
 * three integrations) + 0.4 ms processing (the 2400's specified source-measure rate at 0.01 NPLC, auto zero off, is
 * about 1,700 points/s: 0.17 ms integrating, the rest processing); a source-only point does not integrate. Virtual
 * time, so the periods are exact.
 */
class SourceMeterTimingTest {
    private static final String RST = "*RST;:SOUR:FUNC CURR;:SENS:VOLT:PROT 5;:SOUR:CURR 0.5e-3;:OUTP ON;"
            + ":FORM:ELEM CURR";

    private static double period(SourceModel model, String settings) throws IOException {
        try (EmulatedBench b = EmulatedBench.builder().seed(5).device("d", DeviceParameters.defaults().withoutVariation())
                .currentSource("smu", model, 0, "d").timing(Timing.VIRTUAL).start();
             ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write(model == SourceModel.KEITHLEY_2400 ? RST
                    : "*RST;:SOUR:FUNC CURR;:SOUR:CURR:VLIM 5;:SOUR:CURR 0.5e-3;:OUTP ON");
            s.write(":SOUR:LIST:CURR 1e-3,2e-3,3e-3");
            if (!settings.isEmpty()) {
                s.write(settings);
            }
            if (model == SourceModel.KEITHLEY_2400) {
                s.write(":SOUR:DEL 1e-3;:TRIG:COUN 3;:SOUR:CURR:MODE LIST");
                s.query(":READ?");
            } else {
                s.write(":SOUR:SWE:CURR:LIST 1,1e-3;:INIT");
                s.query("*OPC?");
            }
            assertEquals("0,\"No error\"", s.query(":SYST:ERR?"));
            List<SourceEvent> steps = b.history("smu").stream()
                    .filter(e -> e.cause() == SourceEvent.Cause.SWEEP_STEP).toList();
            assertEquals(3, steps.size());
            return steps.get(2).time() - steps.get(1).time();
        }
    }

    /** The 2450 spells auto zero per function and delays in its source delay: the 2400's spellings are -113. */
    @org.junit.jupiter.api.Test
    void a2450AnswersThe2400sAutoZeroAndTriggerDelayAsUndefinedHeaders() throws IOException {
        try (EmulatedBench b = EmulatedBench.builder().seed(5).device("d", DeviceParameters.defaults())
                .currentSource("smu", SourceModel.KEITHLEY_2450, 0, "d").timing(Timing.VIRTUAL).start();
             ScpiClient s = new ScpiClient(b.address("smu"))) {
            for (String command : new String[] {":SYST:AZER OFF", ":TRIG:DEL 1e-3"}) {
                s.write(command);
                String error = s.query(":SYST:ERR?");
                org.junit.jupiter.api.Assertions.assertTrue(error.startsWith("-113"), command + ": " + error);
            }
            s.write(":SENS:VOLT:AZER OFF;:SOUR:CURR:DEL 1e-3");
            assertEquals("0,\"No error\"", s.query(":SYST:ERR?"));
            assertEquals(1e-3, Double.parseDouble(s.query(":SOUR:CURR:DEL?")), 1e-12);
        }
    }

    @ParameterizedTest(name = "{0}: {1} -> {2} ms")
    @CsvSource(delimiter = '|', value = {
        // *RST: 1 NPLC, auto zero on: 1 + 3 x 16.667 + 0.4
        "KEITHLEY_2400 | '' | 51.4",
        "KEITHLEY_2400 | :SYST:AZER OFF | 18.0667",
        "KEITHLEY_2400 | :SYST:AZER ONCE | 18.0667",
        "KEITHLEY_2400 | :SENS:VOLT:NPLC 0.01 | 1.9",
        "KEITHLEY_2400 | :SENS:VOLT:NPLC 0.01;:SYST:AZER ONCE | 1.56667",
        "KEITHLEY_2400 | :SENS:VOLT:NPLC 10;:SYST:AZER OFF | 168.0667",
        // source-only (every function off) with a 0.5 ms trigger delay: 0.5 + 1 + 0.4
        "KEITHLEY_2400 | :SENS:FUNC:OFF:ALL;:TRIG:DEL 0.5e-3 | 1.9",
        "KEITHLEY_2450 | '' | 51.4",
        "KEITHLEY_2450 | :SENS:VOLT:NPLC 0.01;:SENS:VOLT:AZER OFF;:AZER:ONCE | 1.56667",
        // the 2450's source delay adds to the sweep's delay block: 2 + 1 + 0.167 + 0.4
        "KEITHLEY_2450 | :SENS:VOLT:NPLC 0.01;:SENS:VOLT:AZER OFF;:SOUR:CURR:DEL 2e-3 | 3.56667",
        "KEITHLEY_2450 | :SOUR:CURR:DEL 2e-3;:SOUR:CURR:DEL:AUTO ON | 51.4",
    })
    void thePointLastsWhatTheManualsTimingGives(SourceModel model, String settings, double expectedMs)
            throws IOException {
        assertEquals(expectedMs, period(model, settings) * 1e3, 1e-4);
    }
}
