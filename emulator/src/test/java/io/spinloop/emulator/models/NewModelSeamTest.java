package io.spinloop.emulator.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.ScpiClient;
import io.spinloop.emulator.instruments.InstrumentModels;
import io.spinloop.emulator.instruments.KeysightXSeries;
import io.spinloop.emulator.instruments.ModelIdentity;
import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.emulator.instruments.SpectrumAnalyzer;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new model is one class plus one registration: {@link Keithley2401}, written outside the emulator's package,
 * is registered here and then served by name like the built-in models, with its own identity, list capacity
 * and timing, while the base runs its lists. A model that differs only in its identity needs no class at all.
 */
class NewModelSeamTest {
    /** An older X-series analyzer: an existing class under another identity. */
    static final SpectrumAnalyzer.Model N9010A = new SpectrumAnalyzer.Model("AGILENT_N9010A",
            new ModelIdentity("Agilent Technologies", "N9010A", "A.14.16"), KeysightXSeries::new);

    @BeforeAll
    static void register() {
        InstrumentModels.register(Keithley2401.MODEL);
        InstrumentModels.register(N9010A);
    }

    private static EmulatedBench bench() throws IOException {
        return EmulatedBench.builder().seed(3)
                .device("d", DeviceParameters.defaults().withoutVariation())
                .currentSource("smu", "keithley-2401", null, 0, "d")
                .analyzer("sa", "n9010a", null, 0, List.of("d"))
                .timing(Timing.VIRTUAL)
                .start();
    }

    @Test
    void theRegisteredModelsAreServedAndIdentifyThemselves() throws IOException {
        try (EmulatedBench b = bench();
             ScpiClient smu = new ScpiClient(b.address("smu"));
             ScpiClient sa = new ScpiClient(b.address("sa"))) {
            assertEquals("KEITHLEY INSTRUMENTS INC.,MODEL 2401,EMU-0001,C32 (spinloop emulator)",
                    smu.query("*IDN?"));
            assertEquals("Agilent Technologies,N9010A,EMU-0002,A.14.16 (spinloop emulator)", sa.query("*IDN?"));
            assertEquals(List.of("KEITHLEY_2401", "AGILENT_N9010A"),
                    b.instruments().stream().map(EmulatedBench.InstrumentInfo::model).toList());
            // the identity-only model behaves as the class it reuses: X-series spellings and error codes
            assertEquals("+0,\"No error\"", sa.query(":SYST:ERR?"));
        }
        assertSame(Keithley2401.MODEL, InstrumentModels.sourceMeter("2401"));
    }

    @Test
    void theBaseRunsTheNewModelsListAtTheNewModelsPace() throws IOException {
        try (EmulatedBench b = bench(); ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write("*RST;:SOUR:FUNC CURR;:SENS:VOLT:PROT 5;:SOUR:CURR 0.5e-3;:OUTP ON");
            s.write(":SOUR:CURR:MODE LIST;:SOUR:LIST:CURR 1e-3,2e-3,3e-3;:TRIG:COUN 3;:SOUR:DEL 1e-3");
            s.write(":SENS:VOLT:NPLC 1");
            String[] r = s.query(":READ?").split(",");
            assertEquals(6, r.length); // VOLT,CURR of each point: this model's default elements
            assertEquals(3e-3, Double.parseDouble(r[5]), 1e-7);
            List<SourceEvent> h = b.history("smu");
            List<SourceEvent> steps = h.stream().filter(e -> e.cause() == SourceEvent.Cause.SWEEP_STEP).toList();
            assertEquals(List.of(1e-3, 2e-3, 3e-3), steps.stream().map(SourceEvent::level).toList());
            double period = 1e-3 + 3 / 60.0 + 1e-3; // delay + 1 PLC three times (auto zero) + this model's overhead
            assertEquals(period, steps.get(1).time() - steps.get(0).time(), 1e-9);
            SourceEvent end = h.get(h.size() - 1);
            assertEquals(SourceEvent.Cause.SWEEP_END, end.cause());
            assertEquals(0.5e-3, end.flowingCurrent(), 1e-12);
            assertEquals("0,\"No error\"", s.query(":SYST:ERR?"));
        }
    }

    @Test
    void theListHoldsWhatThisModelHolds() throws IOException {
        try (EmulatedBench b = bench(); ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write(":SOUR:LIST:CURR " + values(51));
            assertEquals("-223,\"Too much data\"", s.query(":SYST:ERR?"));
            s.write(":SOUR:LIST:CURR " + values(50));
            for (int i = 0; i < 3; i++) {
                s.write(":SOUR:LIST:CURR:APP " + values(50));
            }
            assertEquals("200", s.query(":SOUR:LIST:CURR:POIN?"));
            s.write(":SOUR:LIST:CURR:APP 1e-4");
            assertEquals("-223,\"Too much data\"", s.query(":SYST:ERR?"));
            assertEquals("200", s.query(":SOUR:LIST:CURR:POIN?"));
        }
    }

    @Test
    void unknownNamesListTheRegisteredModels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InstrumentModels.sourceMeter("keithley-9999"));
        assertTrue(e.getMessage().contains("KEITHLEY_2400, KEITHLEY_2450"), e.getMessage());
        assertTrue(e.getMessage().contains("KEITHLEY_2401"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InstrumentModels.register(new SpectrumAnalyzer.Model(
                "AGILENT_N9010A", new ModelIdentity("x", "y", "z"), KeysightXSeries::new)));
    }

    private static String values(int n) {
        return String.join(",", Collections.nCopies(n, "1e-4"));
    }
}
