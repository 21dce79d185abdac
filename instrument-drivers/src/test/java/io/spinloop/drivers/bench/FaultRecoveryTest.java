package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.assertEndedSafe;
import static io.spinloop.drivers.bench.BenchFixture.tcp;
import static io.spinloop.drivers.bench.LoopbackExchanges.assertUsableAgain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.InstrumentException;
import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.analyzer.NoSignalException;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.scpi.InstrumentErrorException;
import io.spinloop.drivers.scpi.ReplyFormatException;
import io.spinloop.drivers.source.ComplianceTripException;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.transport.TransportException;
import io.spinloop.drivers.transport.TransportTimeoutException;
import io.spinloop.emulator.EmulatedBench;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each fault the emulator can inject: the driver surfaces a clear error, the session recovers, and the
 * emulator's record shows the source at 0 A with its output off and no step beyond the limit.
 */
class FaultRecoveryTest {
    private EmulatedBench bench;

    @BeforeEach
    void startBench() {
        bench = EmulatorBenches.sourcesAndAnalyzers();
    }

    @AfterEach
    void stopBench() {
        bench.close();
    }

    private CurrentSource drivenSource(Timeouts timeouts) {
        return LoopbackExchanges.drivenSource(tcp(bench, "smu1"), timeouts);
    }


    @Test
    void droppedConnection() {
        try (CurrentSource smu = drivenSource(TIMEOUTS)) {
            bench.faults("smu1").dropConnections();
            TransportException e = assertThrows(TransportException.class, smu::measure);
            assertTrue(e.getMessage().contains("smu1") && e.getMessage().contains("tcp://127.0.0.1"), e.getMessage());
            assertEndedSafe(bench, "smu1", LIMITS);
            assertUsableAgain(smu);
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void lateReplyPastTheTimeout() {
        Timeouts shortRead = TIMEOUTS.withRead(Duration.ofMillis(400));
        try (CurrentSource smu = drivenSource(shortRead)) {
            bench.faults("smu1").replyLate(Duration.ofMillis(1500));
            TransportTimeoutException e = assertThrows(TransportTimeoutException.class, smu::measure);
            assertTrue(e.getMessage().contains("smu1") && e.getMessage().contains("400 ms")
                    && e.getMessage().contains("?'"), e.getMessage());
            assertEndedSafe(bench, "smu1", LIMITS);
            assertUsableAgain(smu);
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void garbledReplyFromTheAnalyzer() {
        try (SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa1", tcp(bench, "sa1"), "auto", TIMEOUTS)) {
            sa.setCenterSpan(4.5e9, 1e9);
            sa.singleSweep();
            float[] good = sa.readTrace();
            bench.faults("sa1").garbleNextReply();
            InstrumentException e = assertThrows(InstrumentException.class, sa::readTrace);
            assertTrue(e instanceof ReplyFormatException || e instanceof TransportException, e.toString());
            assertTrue(e.getMessage().contains("sa1") && e.getMessage().contains(":TRAC? TRACE1"), e.getMessage());
            assertEquals(good.length, sa.readTrace().length, "the next read works");
        }
    }

    @Test
    void garbledReplyFromTheSource() {
        try (CurrentSource smu = drivenSource(TIMEOUTS)) {
            bench.faults("smu1").garbleNextReply();
            InstrumentException e = assertThrows(InstrumentException.class, smu::measure);
            assertTrue(e.getMessage().contains("smu1"), e.getMessage());
            assertEndedSafe(bench, "smu1", LIMITS);
            assertUsableAgain(smu);
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void instrumentErrorInTheQueue() {
        try (CurrentSource smu = drivenSource(TIMEOUTS)) {
            bench.faults("smu1").pushError(-222, "Data out of range");
            InstrumentErrorException e = assertThrows(InstrumentErrorException.class, () -> smu.setCurrent(2.2e-3));
            assertEquals(-222, e.code());
            assertTrue(e.getMessage().contains("smu1") && e.getMessage().contains(":SOUR:CURR")
                    && e.getMessage().contains("Data out of range"), e.getMessage());
            assertEndedSafe(bench, "smu1", LIMITS);
            assertUsableAgain(smu);
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void complianceTrip() {
        try (CurrentSource smu = drivenSource(TIMEOUTS)) {
            bench.faults("smu1").tripCompliance();
            ComplianceTripException e = assertThrows(ComplianceTripException.class, smu::measure);
            assertTrue(e.getMessage().contains("smu1") && e.getMessage().contains("compliance"), e.getMessage());
            assertEndedSafe(bench, "smu1", LIMITS);
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void complianceReachedInsideAListSweep() {
        try (CurrentSource smu = Instruments.openCurrentSource("smu1", tcp(bench, "smu1"), "auto", TIMEOUTS, LIMITS)) {
            // About 500 ohm: 0.6 V is reached near 1.2 mA, in the middle of the list, never at its ends.
            smu.setComplianceVoltage(0.6);
            smu.outputOn();
            smu.setCurrent(1e-3);
            double[] list = {1.0e-3, 1.1e-3, 1.2e-3, 1.3e-3, 1.4e-3, 1.3e-3, 1.2e-3, 1.1e-3, 1.0e-3};
            ComplianceTripException e = assertThrows(ComplianceTripException.class,
                    () -> smu.runList(list, Duration.ofMillis(1), false));
            assertTrue(e.getMessage().contains("smu1") && e.getMessage().contains("list sweep"), e.getMessage());
            assertEndedSafe(bench, "smu1", LIMITS);
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void deviceThatStopsOscillating() {
        try (SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa1", tcp(bench, "sa1"), "auto", TIMEOUTS)) {
            NoSignalException e = assertThrows(NoSignalException.class, () -> {
                try (CurrentSource smu = drivenSource(TIMEOUTS)) {
                    sa.setStartStop(3.5e9, 5.5e9);
                    sa.setResolutionBandwidth(1e6);
                    sa.sweep();
                    sa.peakAboveNoise(20); // the line is there
                    bench.device("stno1").stopOscillating();
                    sa.sweep();
                    sa.peakAboveNoise(20);
                }
            });
            assertTrue(e.getMessage().contains("sa1") && e.getMessage().contains("noise floor"), e.getMessage());
            sa.sweep(); // the analyzer session is fine
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void powerCycledSourceIsReportedAndTakenUpAgain() {
        try (CurrentSource smu = drivenSource(TIMEOUTS)) {
            bench.faults("smu1").powerCycle();
            InstrumentException e = assertThrows(InstrumentException.class, smu::measure);
            assertTrue(e.getMessage().contains("smu1"), e.getMessage());
            assertEndedSafe(bench, "smu1", LIMITS);
            assertUsableAgain(smu);
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void sessionReconnectsToTheSameInstrumentWithoutRestarting() {
        try (SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa1", tcp(bench, "sa1"), "auto", TIMEOUTS)) {
            sa.setCenterSpan(4.5e9, 1e9);
            sa.setPoints(501);
            bench.faults("sa1").powerCycle(); // settings back to the power-on defaults, connection dropped
            assertThrows(TransportException.class, sa::singleSweep);
            sa.setCenterSpan(4.5e9, 1e9);
            sa.setPoints(501);
            assertEquals(501, sa.sweep().points());
            assertTrue(sa.identity().isEmulated());
        }
    }

    @Test
    void connectionDroppedDuringAListSweep() {
        try (CurrentSource smu = drivenSource(TIMEOUTS)) {
            // runList reads back the output state and level (two queries), asks whether the list measures
            // (:SENS:FUNC?), sends five settings, each followed by SYST:ERR?, then :READ?: the 14th message runs the
            // list, and its reply never comes because every connection drops
            bench.faults("smu1").dropConnectionsAfter(14);
            double[] list = {2.0e-3, 2.1e-3, 2.2e-3, 2.1e-3, 2.0e-3};
            TransportException e = assertThrows(TransportException.class,
                    () -> smu.runList(list, Duration.ofMillis(1), false));
            assertTrue(e.getMessage().contains(":READ?"), e.getMessage());
            assertEndedSafe(bench, "smu1", LIMITS);
            assertUsableAgain(smu); // one reading again, not the list: the driver restored fixed mode
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }
}
