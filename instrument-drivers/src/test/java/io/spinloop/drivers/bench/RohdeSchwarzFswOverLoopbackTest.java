package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.assertEndedSafe;
import static io.spinloop.drivers.bench.BenchFixture.tcp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.InstrumentException;
import io.spinloop.drivers.analyzer.Marker;
import io.spinloop.drivers.analyzer.PowerVersusTime;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.analyzer.SpectrumTrace;
import io.spinloop.drivers.analyzer.TraceFormat;
import io.spinloop.drivers.scpi.InstrumentErrorException;
import io.spinloop.drivers.scpi.TrafficEntry;
import io.spinloop.drivers.scpi.TrafficLog;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.transport.TransportException;
import io.spinloop.drivers.transport.TransportTimeoutException;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The R&amp;S FSW driver against the emulated FSW-26 over loopback sockets, a Keithley 2400 trigger-linked to it:
 * chosen by {@code *IDN?}; the line in REAL,32 traces of both byte orders and ASCII; band power from the band power
 * marker on the last sweep (no re-centring, no second sweep); zero span started by the source's list; and faults
 * on the analyzer's link, each with the source ending at 0 A and output off in the emulator's record.
 */
class RohdeSchwarzFswOverLoopbackTest {
    private EmulatedBench bench;

    @BeforeEach
    void startBench() throws IOException {
        bench = EmulatedBench.builder().seed(11)
                .device("stno1", DeviceParameters.defaults())
                .currentSource("smu1", SourceModel.KEITHLEY_2400, 0, "stno1")
                .analyzer("fsw", AnalyzerModel.RS_FSW, 0, "stno1")
                .triggerLink("smu1", "fsw")
                .timing(Timing.VIRTUAL)
                .start();
    }

    @AfterEach
    void stopBench() {
        bench.close();
    }

    private SpectrumAnalyzer fsw() {
        return Instruments.openSpectrumAnalyzer("fsw", tcp(bench, "fsw"), "auto", TIMEOUTS);
    }

    private CurrentSource source() {
        CurrentSource smu = Instruments.openCurrentSource("smu1", tcp(bench, "smu1"), "auto", TIMEOUTS, LIMITS);
        smu.outputOn();
        smu.setCurrent(2e-3);
        return smu;
    }

    @Test
    void autoSelectsTheFswAndFindsTheLineWithItsBandPowerMarker() {
        try (CurrentSource smu = source(); SpectrumAnalyzer sa = fsw()) {
            assertTrue(sa.identity().raw().startsWith("Rohde&Schwarz,FSW-26,"), sa.identity().raw());
            assertEquals(Model.RS_FSW, Model.of(sa.identity()).orElseThrow());
            assertEquals(1001, sa.settings().points(), "the FSW's default sweep points");
            sa.setStartStop(3.5e9, 5.5e9);
            sa.setResolutionBandwidth(1e6);
            sa.setPoints(20001);
            SpectrumTrace trace = sa.sweep();
            assertEquals(20001, trace.points());
            Marker line = sa.peakAboveNoise(10);
            assertTrue(line.frequencyHz() > 3.5e9 && line.frequencyHz() < 5.0e9, "line at " + line.frequencyHz());
            TrafficLog.Recorder log = new TrafficLog.Recorder(1000);
            sa.setTrafficLog(log);
            double band = sa.bandPower(line.frequencyHz() - 50e6, line.frequencyHz() + 50e6);
            double noise = sa.bandPower(5.3e9 - 50e6, 5.3e9 + 50e6);
            sa.setTrafficLog(null);
            assertTrue(band >= line.powerDbm() - 1 && band < line.powerDbm() + 15, band + " vs " + line.powerDbm());
            assertTrue(noise < band - 15, "noise " + noise + " dBm vs line " + band + " dBm");
            List<String> lines = log.entries().stream().map(TrafficEntry::toString).toList();
            assertTrue(lines.stream().anyMatch(l -> l.contains(":CALC:MARK1:FUNC:BPOW:RES?")), lines.toString());
            assertTrue(lines.stream().noneMatch(l -> l.contains(":INIT") || l.contains(":FREQ:CENT")),
                    "no second sweep, no re-centring: " + lines);
            assertEquals(4.5e9, sa.settings().centerHz(), 1);
            Marker again = sa.peak();
            assertEquals(line.frequencyHz(), again.frequencyHz(), 2 * 2e9 / 20000, "a plain peak marker again");
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void real32TracesInBothByteOrdersMatchAscii() {
        try (SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("fsw", tcp(bench, "fsw"), "rs-fsw", TIMEOUTS)) {
            sa.setCenterSpan(5e9, 100e6);
            sa.setPoints(401);
            TrafficLog.Recorder log = new TrafficLog.Recorder(100);
            sa.setTrafficLog(log);
            sa.singleSweep();
            float[] little = sa.readTrace();
            sa.setTraceFormat(TraceFormat.REAL32_BIG_ENDIAN);
            float[] big = sa.readTrace();
            sa.setTraceFormat(TraceFormat.ASCII);
            float[] ascii = sa.readTrace();
            List<String> lines = log.entries().stream().map(TrafficEntry::toString).toList();
            assertTrue(lines.stream().anyMatch(l -> l.contains("fsw >> #41604<1604 bytes>")), lines.toString());
            assertEquals(401, little.length);
            assertArrayEquals(little, big);
            for (int i = 0; i < ascii.length; i++) {
                assertEquals(little[i], ascii[i], 1e-3 * Math.abs(little[i]) + 1e-3, "point " + i);
            }
        }
    }

    @Test
    void zeroSpanStartedByTheLinkedSourcesList() {
        try (CurrentSource smu = source(); SpectrumAnalyzer sa = fsw()) {
            Marker line = LoopbackExchanges.findLine(sa);
            smu.setCurrent(0.5e-3);
            double[] drive = LoopbackExchanges.triangleDrive();
            double recordS = drive.length * 25e-3;
            sa.armZeroSpan(line.frequencyHz(), 8e6, recordS, 311);
            smu.runList(drive, Duration.ofMillis(1), true);
            PowerVersusTime pvt = sa.awaitZeroSpan(Duration.ofSeconds(5));
            assertEquals(311, pvt.points());
            double early = 0;
            for (int i = 0; i < 10; i++) {
                early += pvt.powerDbm()[i] / 10.0;
            }
            float top = Float.NEGATIVE_INFINITY;
            for (float p : pvt.powerDbm()) {
                top = Math.max(top, p);
            }
            assertTrue(top > early + 20, "top " + top + " dBm vs below threshold " + early + " dBm");
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void droppedLinkMidRun() {
        try (CurrentSource smu = source(); SpectrumAnalyzer sa = fsw()) {
            sa.setCenterSpan(4.5e9, 1e9);
            sa.singleSweep();
            bench.faults("fsw").dropConnections();
            TransportException e = assertThrows(TransportException.class, sa::readTrace);
            assertTrue(e.getMessage().contains(tcp(bench, "fsw")) && e.getMessage().contains(":TRAC? TRACE1"),
                    e.getMessage());
            assertEquals(1001, sa.sweep().points(), "the session reconnects and sweeps again");
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    /** The link drops after the trace query ran and before the block came: the next sweep reconnects. */
    @Test
    void droppedLinkMidReply() {
        try (CurrentSource smu = source(); SpectrumAnalyzer sa = fsw()) {
            sa.setCenterSpan(4.5e9, 1e9);
            sa.singleSweep();
            bench.faults("fsw").dropConnectionsAfter(1);
            TransportException e = assertThrows(TransportException.class, sa::readTrace);
            assertTrue(e.getMessage().contains(":TRAC? TRACE1"), e.getMessage());
            assertEquals(1001, sa.sweep().points());
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void lateReply() {
        try (CurrentSource smu = source();
             SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("fsw", tcp(bench, "fsw"), "auto",
                     TIMEOUTS.withRead(Duration.ofMillis(400)))) {
            bench.faults("fsw").replyLate(Duration.ofMillis(1500));
            TransportTimeoutException e = assertThrows(TransportTimeoutException.class, sa::settings);
            assertTrue(e.getMessage().contains("fsw") && e.getMessage().contains("400 ms"), e.getMessage());
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void instrumentError() {
        try (CurrentSource smu = source(); SpectrumAnalyzer sa = fsw()) {
            bench.faults("fsw").pushError(-222, "Data out of range");
            InstrumentException e = assertThrows(InstrumentErrorException.class, () -> sa.setCenterSpan(4.5e9, 1e9));
            assertEquals(-222, ((InstrumentErrorException) e).code());
            assertTrue(e.getMessage().contains("fsw") && e.getMessage().contains("Data out of range"), e.getMessage());
            sa.setCenterSpan(4.5e9, 1e9);
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }
}
