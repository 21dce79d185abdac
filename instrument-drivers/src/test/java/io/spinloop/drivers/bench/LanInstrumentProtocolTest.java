package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.assertEndedSafe;
import static io.spinloop.drivers.bench.LoopbackExchanges.assertUsableAgain;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.analyzer.Marker;
import io.spinloop.drivers.analyzer.PowerVersusTime;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.analyzer.TraceFormat;
import io.spinloop.drivers.scpi.InstrumentErrorException;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.ListSweepResult;
import io.spinloop.drivers.transport.TransportException;
import io.spinloop.drivers.transport.TransportTimeoutException;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both drivers over a LAN instrument protocol (VXI-11, HiSLIP; one subclass each) against the emulator's server for
 * it, over real sockets: a Keithley 2400 and an N9030B, trigger-linked. Sourcing, a list sweep, the trigger link
 * and REAL,32 traces; then the faults: a connection dropped in the middle of a reply, a late reply (after which the
 * transport clears the device), an instrument error. After each: a clear error naming the instrument and the
 * protocol's resource, the session recovers, and the emulator's record shows the source at 0 A with its output off.
 */
abstract class LanInstrumentProtocolTest {
    EmulatedBench bench;

    /** The resource of the bench's {@code smu1} or {@code sa1} over the protocol under test. */
    abstract String resource(String instrument);

    /** What every error of this protocol names (its resource form). */
    abstract String protocolMark();

    @BeforeEach
    void startBench() {
        try {
            bench = EmulatedBench.builder().seed(42)
                    .device("stno1", DeviceParameters.defaults())
                    .currentSource("smu1", SourceModel.KEITHLEY_2400, 0, "stno1")
                    .analyzer("sa1", AnalyzerModel.KEYSIGHT_N9030B, 0, "stno1")
                    .triggerLink("smu1", "sa1")
                    .vxi11(0, 0, Map.of("inst0", "smu1", "inst1", "sa1"))
                    .hislip(0, Map.of("hislip0", "smu1", "hislip1", "sa1"))
                    .timing(Timing.VIRTUAL)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopBench() {
        bench.close();
    }

    private CurrentSource drivenSource(Timeouts timeouts) {
        return LoopbackExchanges.drivenSource(resource("smu1"), timeouts);
    }


    @Test
    void bothDriversSourceSweepTriggerAndReadReal32Traces() {
        try (CurrentSource smu = Instruments.openCurrentSource("smu1", resource("smu1"), "auto", TIMEOUTS, LIMITS);
             SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa1", resource("sa1"), "auto", TIMEOUTS)) {
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
            sa.setPoints(1001);
            sa.setResolutionBandwidth(3e6);
            sa.singleSweep();
            float[] little = LoopbackExchanges.readTraceInEachFormat(sa);
            assertEquals(1001, little.length);
            sa.setTraceFormat(TraceFormat.REAL32_LITTLE_ENDIAN);

            // the trigger link: the source's list sweep starts the analyzer's zero-span record
            sa.sweep();
            Marker line = sa.peakAboveNoise(10);
            smu.setCurrent(0.5e-3);
            double[] drive = LoopbackExchanges.triangleDrive();
            double recordS = drive.length * 25e-3;
            sa.armZeroSpan(line.frequencyHz(), 8e6, recordS, 311);
            smu.runList(drive, Duration.ofMillis(1), true);
            PowerVersusTime pvt = sa.awaitZeroSpan(Duration.ofSeconds(10));
            assertEquals(311, pvt.points());
            float early = pvt.powerDbm()[0];
            float top = Float.NEGATIVE_INFINITY;
            for (float p : pvt.powerDbm()) {
                top = Math.max(top, p);
            }
            assertTrue(top > early + 20, "the line near 2 mA (" + top + " dBm) stands above the floor at 0.5 mA ("
                    + early + " dBm): the list sweep triggered the record");
            smu.outputOff();
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void connectionDroppedInTheMiddleOfAReply() {
        try (CurrentSource smu = drivenSource(TIMEOUTS)) {
            bench.faults("smu1").dropConnectionsAfter(1);
            TransportException e = assertThrows(TransportException.class, smu::measure);
            assertTrue(e.getMessage().contains("smu1") && e.getMessage().contains(protocolMark()), e.getMessage());
            assertEndedSafe(bench, "smu1", LIMITS);
            assertUsableAgain(smu);
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void lateReplyThenADeviceClear() {
        Timeouts shortRead = TIMEOUTS.withRead(Duration.ofMillis(400));
        try (CurrentSource smu = drivenSource(shortRead)) {
            bench.faults("smu1").replyLate(Duration.ofMillis(1500));
            TransportTimeoutException e = assertThrows(TransportTimeoutException.class, smu::measure);
            assertTrue(e.getMessage().contains("smu1") && e.getMessage().contains("400 ms")
                    && e.getMessage().contains(protocolMark()) && e.getMessage().contains("the device was cleared"),
                    e.getMessage());
            assertEndedSafe(bench, "smu1", LIMITS);
            assertUsableAgain(smu);
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void instrumentErrorIsNamedAndTheSessionGoesOn() {
        try (CurrentSource smu = drivenSource(TIMEOUTS)) {
            bench.faults("smu1").pushError(-222, "Data out of range");
            InstrumentErrorException e = assertThrows(InstrumentErrorException.class, () -> smu.setCurrent(2.2e-3));
            assertEquals(-222, e.code());
            assertTrue(e.getMessage().contains("smu1") && e.getMessage().contains("Data out of range"), e.getMessage());
            assertEndedSafe(bench, "smu1", LIMITS);
            assertUsableAgain(smu);
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void theAnalyzerRecoversFromALateTraceReply() {
        Timeouts shortRead = TIMEOUTS.withRead(Duration.ofMillis(1000)); // a sweep under load stays well inside it
        try (SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa1", resource("sa1"), "auto", shortRead)) {
            sa.setCenterSpan(4.5e9, 1e9);
            sa.setTraceFormat(TraceFormat.REAL32_LITTLE_ENDIAN);
            sa.singleSweep();
            float[] good = sa.readTrace();
            bench.faults("sa1").replyLate(Duration.ofMillis(3000));
            TransportTimeoutException e = assertThrows(TransportTimeoutException.class, sa::readTrace);
            // ScpiSession's block reads do not prefix the instrument's name (as over every transport); the resource is there
            assertTrue(e.getMessage().contains(protocolMark()) && e.getMessage().contains(":TRAC? TRACE1"),
                    e.getMessage());
            assertArrayEquals(good, sa.readTrace(), "the next read is the trace again, not a late reply");
        }
    }
}
