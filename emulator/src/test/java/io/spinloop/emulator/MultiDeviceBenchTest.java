package io.spinloop.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Two oscillators, each with its own source, combined into one analyzer: two lines where each device puts it. */
class MultiDeviceBenchTest {
    @Test
    void eachDeviceShowsItsOwnLine() throws IOException {
        DeviceParameters spreadOnly = DeviceParameters.defaults().withDrift(0);
        try (EmulatedBench bench = EmulatedBench.builder().seed(2024)
                .device("a", spreadOnly)
                .device("b", spreadOnly.withFrequencyHz(5.3e9))
                .currentSource("sa", SourceModel.KEITHLEY_2400, 0, "a")
                .currentSource("sb", SourceModel.KEITHLEY_2450, 0, "b")
                .analyzer("an", AnalyzerModel.RS_FSV, 0, "a", "b")
                .start();
             ScpiClient a = new ScpiClient(bench.address("sa"));
             ScpiClient b = new ScpiClient(bench.address("sb"));
             ScpiClient an = new ScpiClient(bench.address("an"))) {
            assertNotEquals(bench.device("a").thresholdCurrent(), bench.device("b").thresholdCurrent());
            a.write("*RST;:SOUR:FUNC CURR;:SENS:VOLT:PROT 10;:SOUR:CURR 2e-3;:OUTP ON");
            b.write("*RST;:SOUR:FUNC CURR;:SOUR:CURR:VLIM 10;:SOUR:CURR 2.5e-3;:OUTP ON");
            assertEquals("1", a.query("*OPC?"));
            assertEquals("1", b.query("*OPC?"));
            an.write(":INIT:CONT OFF;:FREQ:STAR 4.4GHz;:FREQ:STOP 5.2GHz;:BAND 1MHz;:SWE:POIN 8001;:FORM REAL,32");
            an.write(":DISP:TRAC:MODE AVER;:SWE:COUN 20");
            assertEquals("1", an.query(":INIT;*OPC?"));
            an.write(":TRAC? TRACE1");
            ByteBuffer buf = ByteBuffer.wrap(an.readBlock()).order(ByteOrder.LITTLE_ENDIAN); // R&S default
            float[] t = new float[8001];
            for (int i = 0; i < t.length; i++) {
                t[i] = buf.getFloat();
            }
            for (String name : new String[] {"a", "b"}) {
                DeviceControl d = bench.device(name);
                double x = (name.equals("a") ? 2e-3 : 2.5e-3) / d.thresholdCurrent();
                double p0 = (x - 1) / (x + d.nonlinearDamping());
                double line = d.frequency() - 1e9 * p0;
                int expected = (int) Math.round((line - 4.4e9) / 1e5);
                int best = expected;
                for (int i = Math.max(0, expected - 50); i < Math.min(t.length, expected + 50); i++) {
                    best = t[i] > t[best] ? i : best;
                }
                assertEquals(line, 4.4e9 + best * 1e5, 2e6, "device " + name);
                assertTrue(t[best] > -70, "a line of device " + name + " stands above the floor: " + t[best]);
            }
        }
    }
}
