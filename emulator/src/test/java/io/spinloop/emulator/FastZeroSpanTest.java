package io.spinloop.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * With the instrument limits lifted (a study), a microsecond zero span across a current step shows the
 * oscillator's nanosecond rise, slowed by what the resolution filter can follow; with the limits on, the
 * same request is refused.
 */
class FastZeroSpanTest {
    @Test
    void aCurrentStepRisesInTensOfNanosecondsThroughTheFilter() throws IOException {
        try (EmulatedBench bench = EmulatedBench.builder().seed(8)
                .device("d", DeviceParameters.defaults().withoutVariation())
                .currentSource("smu", SourceModel.KEITHLEY_2450, 0, "d")
                .analyzer("sa", AnalyzerModel.KEYSIGHT_N9030B, 0, "d")
                .triggerLink("smu", "sa")
                .enforceInstrumentLimits(false)
                .start();
             ScpiClient smu = new ScpiClient(bench.address("smu"));
             ScpiClient sa = new ScpiClient(bench.address("sa"))) {
            smu.write("*RST;:SOUR:FUNC CURR;:SOUR:CURR:VLIM 10;:SOUR:CURR 0;:OUTP ON;:SOUR:LIST:CURR 0,2e-3");
            smu.write(":SOUR:SWE:CURR:LIST 1,1e-6;:DIG:LINE1:MODE TRIG,OUT");
            assertEquals("1", smu.query("*OPC?"));
            sa.write(":INIT:CONT OFF;:FREQ:CENT 4.6GHz;SPAN 0;:BAND 8MHz;:SWE:POIN 1001;:SWE:TIME 2e-6");
            sa.write(":TRIG:SOUR EXT;:FORM REAL,32;:INIT");
            assertEquals("EXT1", sa.query(":TRIG:SOUR?"));
            smu.write(":INIT");
            assertEquals("1", sa.query("*OPC?"));
            sa.write(":TRAC? TRACE1");
            ByteBuffer b = ByteBuffer.wrap(sa.readBlock());
            double[] w = new double[1001];
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.pow(10, b.getFloat() / 10);
            }
            double settled = 0;
            for (int i = 800; i < 1000; i++) {
                settled += w[i] / 200;
            }
            double before = 0;
            for (int i = 300; i < 490; i++) {
                before += w[i] / 190;
            }
            // points are 2 ns apart; the step comes at point 500
            assertTrue(before < 1e-3 * settled, "off before the step");
            assertTrue(w[505] < 0.1 * settled, "10 ns after the step the oscillation has hardly grown: " + w[505] / settled);
            double late = 0;
            for (int i = 650; i < 700; i++) {
                late += w[i] / 50;
            }
            assertEquals(1, late / settled, 0.3, "300 ns after the step it has settled");
        }
        try (EmulatedBench bench = EmulatedBench.builder()
                .analyzer("sa", AnalyzerModel.KEYSIGHT_N9030B, 0).start();
             ScpiClient sa = new ScpiClient(bench.address("sa"))) {
            sa.write(":FREQ:SPAN 0;:SWE:TIME 1e-7;:BAND 20MHz");
            assertEquals("-222,\"Data out of range\"", sa.query("SYST:ERR?").replace("+", ""));
            assertEquals("-222,\"Data out of range\"", sa.query("SYST:ERR?").replace("+", ""));
        }
    }
}
