package io.spinloop.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The emulated SourceMeters through the socket: readings, lists, compliance, timing, damage, model quirks. */
class SourceMeterTest {
    private static EmulatedBench bench(SourceModel model, Timing timing) throws IOException {
        return EmulatedBench.builder().seed(5)
                .device("d", DeviceParameters.defaults().withoutVariation())
                .currentSource("smu", model, 0, "d")
                .timing(timing)
                .start();
    }

    @Test
    void readingsShowTheJunctionVoltage() throws IOException {
        try (EmulatedBench b = bench(SourceModel.KEITHLEY_2400, Timing.VIRTUAL);
             ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write("*RST;:SOUR:FUNC CURR;:SOUR:CURR 2e-3;:SENS:VOLT:PROT 5;:OUTP ON;:FORM:ELEM VOLT,CURR");
            String[] r = s.query(":READ?").split(",");
            double p0 = 1 / 2.5;
            assertEquals(2e-3 * 500 * (1 + 0.02 * p0), Double.parseDouble(r[0]), 1e-4);
            assertEquals(2e-3, Double.parseDouble(r[1]), 1e-7);
            assertEquals("0", s.query(":SENS:VOLT:PROT:TRIP?"));
            String[] v = s.query(":MEAS:VOLT?").split(",");
            assertEquals(1, v.length);
            assertEquals("0,\"No error\"", s.query("SYST:ERR?"));
        }
    }

    @Test
    void listSweepStepsAtTheInstrumentsPaceAndReturnsToTheBiasLevel() throws IOException {
        try (EmulatedBench b = bench(SourceModel.KEITHLEY_2400, Timing.VIRTUAL);
             ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write("*RST;:SOUR:FUNC CURR;:SENS:VOLT:PROT 5;:SOUR:CURR 0.5e-3;:OUTP ON;:FORM:ELEM CURR");
            s.write(":SOUR:CURR:MODE LIST;:SOUR:LIST:CURR 1e-3,2e-3,3e-3;:TRIG:COUN 3;:SOUR:DEL 1e-3");
            s.write(":SENS:VOLT:NPLC 1");
            assertEquals("3", s.query(":SOUR:LIST:CURR:POIN?"));
            String[] r = s.query(":READ?").split(",");
            assertEquals(3, r.length);
            assertEquals(3e-3, Double.parseDouble(r[2]), 1e-7);
            List<SourceEvent> steps = b.history("smu").stream()
                    .filter(e -> e.cause() == SourceEvent.Cause.SWEEP_STEP).toList();
            assertEquals(3, steps.size());
            double period = 1e-3 + 3 / 60.0 + 0.4e-3; // *RST auto zero: reading, reference and zero integrated
            assertEquals(period, steps.get(1).time() - steps.get(0).time(), 1e-9);
            SourceEvent end = b.history("smu").get(b.history("smu").size() - 1);
            assertEquals(SourceEvent.Cause.SWEEP_END, end.cause());
            assertEquals(0.5e-3, end.flowingCurrent(), 1e-12);
            assertEquals(period * 3, end.time() - steps.get(0).time(), 1e-9);
        }
    }

    @Test
    void listsTakeAHundredValuesPerCommandAndAppendTo2500() throws IOException {
        try (EmulatedBench b = bench(SourceModel.KEITHLEY_2400, Timing.VIRTUAL);
             ScpiClient s = new ScpiClient(b.address("smu"))) {
            StringBuilder hundred = new StringBuilder("1e-4");
            for (int i = 1; i < 100; i++) {
                hundred.append(",1e-4");
            }
            s.write(":SOUR:LIST:CURR " + hundred + ",1e-4");
            assertEquals("-223,\"Too much data\"", s.query("SYST:ERR?"));
            s.write(":SOUR:LIST:CURR " + hundred);
            for (int i = 0; i < 24; i++) {
                s.write(":SOUR:LIST:CURR:APP " + hundred);
            }
            assertEquals("2500", s.query(":SOUR:LIST:CURR:POIN?"));
            s.write(":SOUR:LIST:CURR:APP 1e-4");
            assertEquals("-223,\"Too much data\"", s.query("SYST:ERR?"));
        }
    }

    @Test
    void aThousandPointSweepCostsNoWaitingInVirtualTime() throws IOException {
        try (EmulatedBench b = bench(SourceModel.KEITHLEY_2450, Timing.VIRTUAL);
             ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write("*RST;:SOUR:FUNC CURR;:SOUR:CURR:VLIM 5;:SENS:FUNC \"VOLT\";:SENS:VOLT:NPLC 0.01;:OUTP ON");
            StringBuilder list = new StringBuilder("1e-3");
            for (int i = 1; i < 100; i++) {
                list.append(",").append(1e-3 + i * 1e-5);
            }
            s.write(":SOUR:LIST:CURR " + list);
            for (int i = 0; i < 9; i++) {
                s.write(":SOUR:LIST:CURR:APP " + list);
            }
            s.write(":SOUR:SWE:CURR:LIST 1,1e-3");
            double before = b.now();
            long wall = System.nanoTime();
            assertEquals("1", s.query(":INIT;*OPC?"));
            double wallSeconds = (System.nanoTime() - wall) * 1e-9;
            double period = 1e-3 + 0.01 / 60 + 0.4e-3;
            assertTrue(b.now() - before >= 1000 * period, "the bench clock went through the sweep");
            assertTrue(wallSeconds < 0.5 * 1000 * period, "far less waiting than the sweep lasts: " + wallSeconds);
            assertEquals("1000", s.query(":TRAC:ACT?"));
            String[] last = s.query(":TRAC:DATA? 1000,1000,\"defbuffer1\",SOUR,READ").split(",");
            assertEquals(1e-3 + 99 * 1e-5, Double.parseDouble(last[0]), 1e-12);
            assertEquals(1.99e-3 * 500, Double.parseDouble(last[1]), 0.02);
        }
    }

    @Test
    void realTimeModeWaitsForTheSweep() throws IOException {
        try (EmulatedBench b = bench(SourceModel.KEITHLEY_2400, Timing.REAL_TIME);
             ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write("*RST;:SOUR:FUNC CURR;:SOUR:CURR 1e-3;:OUTP ON;:TRIG:COUN 10;:SOUR:DEL 0.02");
            long wall = System.nanoTime();
            assertEquals("1", s.query(":INIT;*OPC?"));
            double seconds = (System.nanoTime() - wall) * 1e-9;
            assertTrue(seconds >= 10 * (0.02 + 1 / 60.0) - 0.01, "took " + seconds);
        }
    }

    @Test
    void complianceLimitsTheCurrentAndShowsTheTrip() throws IOException {
        try (EmulatedBench b = bench(SourceModel.KEITHLEY_2400, Timing.VIRTUAL);
             ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write("*RST;:SOUR:FUNC CURR;:SENS:VOLT:PROT 0.5;:SOUR:CURR 2e-3;:OUTP ON;:FORM:ELEM VOLT,CURR,STAT");
            String[] r = s.query(":READ?").split(",");
            assertEquals(0.5, Double.parseDouble(r[0]), 1e-4);
            assertTrue(Double.parseDouble(r[1]) < 1.01e-3, "current limited to about 0.5 V / 500 Ω");
            assertEquals(8, (int) Double.parseDouble(r[2]) & 8);
            assertEquals("1", s.query(":SENS:VOLT:PROT:TRIP?"));
            SourceEvent last = b.history("smu").get(b.history("smu").size() - 1);
            assertEquals(0.5 / 500, last.flowingCurrent(), 2e-5);
        }
    }

    @Test
    void readingWithTheOutputOffIsAnErrorInEachModelsWords() throws IOException {
        try (EmulatedBench b = bench(SourceModel.KEITHLEY_2400, Timing.VIRTUAL);
             ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write("*RST;:READ?");
            assertEquals("803,\"Output disabled\"", s.query("SYST:ERR?"));
        }
        try (EmulatedBench b = bench(SourceModel.KEITHLEY_2450, Timing.VIRTUAL);
             ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write("*RST;:READ?");
            assertTrue(s.query("SYST:ERR?").startsWith("-221,"));
        }
    }

    @Test
    void aCurrentAboveTheDamageLimitKillsTheDevice() throws IOException {
        try (EmulatedBench b = bench(SourceModel.KEITHLEY_2400, Timing.VIRTUAL);
             ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write("*RST;:SOUR:FUNC CURR;:SENS:VOLT:PROT 20;:SOUR:CURR 2e-3;:OUTP ON");
            assertTrue(b.device("d").isOscillating());
            s.write(":SOUR:CURR 4.5e-3;:SOUR:CURR 2e-3");
            s.query("*OPC?");
            assertFalse(b.device("d").isOscillating());
        }
    }

    @Test
    void resetTurnsTheOutputOffAndSelectsTheVoltageSource() throws IOException {
        try (EmulatedBench b = bench(SourceModel.KEITHLEY_2400, Timing.VIRTUAL);
             ScpiClient s = new ScpiClient(b.address("smu"))) {
            s.write(":SOUR:FUNC CURR;:SOUR:CURR 1e-3;:OUTP ON");
            assertEquals("1", s.query(":OUTP?"));
            s.write("*RST");
            assertEquals("0", s.query(":OUTP?"));
            assertEquals("VOLT", s.query(":SOUR:FUNC?"));
            assertEquals("+0.000000E+00", s.query(":SOUR:CURR?"));
            assertEquals("+1.050000E+00", s.query(":SOUR:CURR? MAX"));
            assertEquals(0, b.history("smu").get(b.history("smu").size() - 1).flowingCurrent());
        }
    }
}
