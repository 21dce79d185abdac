package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.assertEndedSafe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.analyzer.Marker;
import io.spinloop.drivers.analyzer.PowerVersusTime;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.scpi.ScpiSession;
import io.spinloop.drivers.scpi.TrafficEntry;
import io.spinloop.drivers.scpi.TrafficLog;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.ListSweepResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both drivers behind one emulated Prologix controller, over each of its wires: TCP (GPIB-ETHERNET) and a
 * pseudo-terminal standing in for a GPIB-USB's virtual COM port, opened with jSerialComm and with jssc. Sourcing,
 * a list sweep, the trigger link into a zero-span sweep, and REAL,32 traces whose 4004 bytes hold CR, LF, ESC or
 * '+' somewhere, read by the block's length.
 */
class PrologixGpibOverSerialTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(PrologixBench.Wire.class)
    void bothDriversThroughTheController(PrologixBench.Wire wire) throws Exception {
        try (PrologixBench p = PrologixBench.start(wire, dir)) {
            try (CurrentSource smu = Instruments.openCurrentSource("smu1", p.resource(PrologixBench.SMU), "auto",
                    TIMEOUTS, LIMITS);
                 SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa1", p.resource(PrologixBench.SA), "auto",
                         TIMEOUTS)) {
                assertTrue(smu.identity().raw().contains("2400"), smu.identity().raw());
                assertTrue(sa.identity().raw().contains("N9030B"), sa.identity().raw());
                smu.outputOn();
                smu.setCurrent(2e-3);
                assertEquals(2e-3, smu.measure().current(), 2e-5);
                double[] list = {2.0e-3, 2.1e-3, 2.2e-3, 2.1e-3, 2.0e-3};
                ListSweepResult sweep = smu.runList(list, Duration.ofMillis(1), false);
                assertEquals(list.length, sweep.points());
                assertTrue(sweep.voltage()[2] > sweep.voltage()[0], "more current, more voltage");

                sa.setCenterSpan(4.5e9, 2e9);
                sa.setResolutionBandwidth(3e6);
                sa.setPoints(1001);
                sa.singleSweep();
                float[] little = LoopbackExchanges.readTraceInEachFormat(sa);
                assertEquals(1001, little.length);
                assertTrue(hasEscapedByte(little), "the trace's bytes include CR, LF, ESC or '+'");

                // the trigger link: the source's list starts the analyzer's armed zero-span sweep
                sa.sweep();
                Marker line = sa.peakAboveNoise(10);
                smu.setCurrent(0.5e-3);
                double[] drive = LoopbackExchanges.triangleDrive();
                double recordS = drive.length * 25e-3;
                sa.armZeroSpan(line.frequencyHz(), 8e6, recordS, 311);
                smu.runList(drive, Duration.ofMillis(1), true);
                PowerVersusTime pvt = sa.awaitZeroSpan(Duration.ofSeconds(10));
                assertEquals(311, pvt.points());
                float top = Float.NEGATIVE_INFINITY;
                for (float v : pvt.powerDbm()) {
                    top = Math.max(top, v);
                }
                assertTrue(top > pvt.powerDbm()[0] + 20, "the line shows up as the list drives the device");
            }
            assertEndedSafe(p.bench, "smu1", LIMITS);
        }
    }

    /** The traffic log names the controller each message went through, as errors do. */
    @ParameterizedTest
    @EnumSource(PrologixBench.Wire.class)
    void theTrafficLogNamesTheController(PrologixBench.Wire wire) throws Exception {
        try (PrologixBench p = PrologixBench.start(wire, dir);
             ScpiSession sa = ScpiSession.open("sa1", p.resource(PrologixBench.SA), TIMEOUTS)) {
            TrafficLog.Recorder log = new TrafficLog.Recorder(16);
            sa.setTrafficLog(log);
            sa.query("*IDN?");
            List<TrafficEntry> entries = log.entries();
            assertEquals(2, entries.size());
            for (TrafficEntry e : entries) {
                assertTrue(e.toString().contains("[GPIB0::18::INSTR via " + p.controllerLabel()), e.toString());
            }
            assertTrue(entries.get(0).toString().contains("sa1 << *IDN?"), entries.get(0).toString());
        }
    }

    private static boolean hasEscapedByte(float[] trace) {
        for (float f : trace) {
            int bits = Float.floatToRawIntBits(f);
            for (int s = 0; s < 32; s += 8) {
                int b = (bits >>> s) & 0xFF;
                if (b == '\r' || b == '\n' || b == 27 || b == '+') {
                    return true;
                }
            }
        }
        return false;
    }
}
