package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.assertEndedSafe;
import static io.spinloop.drivers.bench.LoopbackExchanges.assertUsableAgain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.analyzer.TraceFormat;
import io.spinloop.drivers.scpi.InstrumentErrorException;
import io.spinloop.drivers.scpi.ScpiSession;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.transport.TransportException;
import io.spinloop.drivers.transport.TransportTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults behind a Prologix controller, over TCP (GPIB-ETHERNET) and over a serial pseudo-terminal (GPIB-USB) with
 * either serial backend. After each: a clear error naming the instrument and the controller, the session recovers,
 * and the emulator's record shows the source at 0 A with its output off.
 */
@Timeout(300)
class PrologixFaultsTest {
    /** As the other bench tests' timeouts (2 s), so a busy machine's slow reply is no fault; a late one is 5 s late. */
    private static final Timeouts SHORT = TIMEOUTS.withRead(Duration.ofMillis(2000));

    @TempDir
    Path dir;

    private static CurrentSource drivenSource(PrologixBench p, Timeouts timeouts) {
        return LoopbackExchanges.drivenSource(p.resource(PrologixBench.SMU), timeouts);
    }


    private static void assertNamesInstrumentAndController(Exception e, PrologixBench p) {
        assertTrue(e.getMessage().contains("smu1") && e.getMessage().contains("GPIB0::24::INSTR via "
                + p.controllerLabel()), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(PrologixBench.Wire.class)
    void connectionDroppedInTheMiddleOfAReply(PrologixBench.Wire wire) throws Exception {
        try (PrologixBench p = PrologixBench.start(wire, dir)) {
            try (CurrentSource smu = drivenSource(p, SHORT)) {
                p.bench.faults("smu1").cutNextReply();
                TransportException e = assertThrows(TransportException.class, smu::measure);
                assertNamesInstrumentAndController(e, p);
                assertTrue(e.getMessage().contains("++clr"), "the instrument was cleared: " + e.getMessage());
                assertEndedSafe(p.bench, "smu1", LIMITS);
                assertUsableAgain(smu);
            }
            assertEndedSafe(p.bench, "smu1", LIMITS);
            // a binary block cut halfway: the next trace is whole again
            try (SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa1", p.resource(PrologixBench.SA), "auto",
                    SHORT)) {
                sa.setPoints(1001);
                sa.setTraceFormat(TraceFormat.REAL32_LITTLE_ENDIAN);
                sa.singleSweep();
                float[] good = sa.readTrace();
                p.bench.faults("sa1").cutNextReply();
                TransportException e = assertThrows(TransportException.class, sa::readTrace);
                assertTrue(e.getMessage().contains("sa1") && e.getMessage().contains("GPIB0::18::INSTR via "),
                        e.getMessage());
                assertEquals(good.length, sa.readTrace().length);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PrologixBench.Wire.class)
    void aLateReplyThenADeviceClear(PrologixBench.Wire wire) throws Exception {
        try (PrologixBench p = PrologixBench.start(wire, dir)) {
            try (CurrentSource smu = drivenSource(p, SHORT)) {
                p.bench.faults("smu1").replyLate(Duration.ofMillis(5000));
                TransportTimeoutException e = assertThrows(TransportTimeoutException.class, smu::measure);
                assertNamesInstrumentAndController(e, p);
                assertTrue(e.getMessage().contains("2000 ms") && e.getMessage().contains("cleared (++clr)"),
                        e.getMessage());
                assertEndedSafe(p.bench, "smu1", LIMITS);
                assertUsableAgain(smu);
                // the late reply never reaches a later reader
                assertTrue(smu.identity().raw().contains("2400"));
            }
            assertEndedSafe(p.bench, "smu1", LIMITS);
        }
    }

    @ParameterizedTest
    @EnumSource(PrologixBench.Wire.class)
    void anInstrumentError(PrologixBench.Wire wire) throws Exception {
        try (PrologixBench p = PrologixBench.start(wire, dir)) {
            try (CurrentSource smu = drivenSource(p, TIMEOUTS)) {
                p.bench.faults("smu1").pushError(-222, "Data out of range");
                InstrumentErrorException e = assertThrows(InstrumentErrorException.class, () -> smu.setCurrent(2.2e-3));
                assertEquals(-222, e.code());
                assertTrue(e.getMessage().contains(":SOUR:CURR") && e.getMessage().contains("Data out of range"),
                        e.getMessage());
                assertNamesInstrumentAndController(e, p);
                assertEndedSafe(p.bench, "smu1", LIMITS);
                assertUsableAgain(smu);
            }
            assertEndedSafe(p.bench, "smu1", LIMITS);
        }
    }

    /**
     * The source measures in one thread while the analyzer is asked its identity in another, both through one
     * controller: a reply handed to the wrong instrument would fail to parse as a measurement, or differ from the
     * analyzer's identity.
     */
    @ParameterizedTest
    @EnumSource(PrologixBench.Wire.class)
    void twoInstrumentsFromTwoThreadsThousandsOfTimes(PrologixBench.Wire wire) throws Exception {
        int rounds = 1500;
        try (PrologixBench p = PrologixBench.start(wire, dir)) {
            try (CurrentSource smu = drivenSource(p, TIMEOUTS);
                 ScpiSession sa = ScpiSession.open("sa1", p.resource(PrologixBench.SA), TIMEOUTS)) {
                String saId = sa.query("*IDN?");
                assertTrue(saId.contains("N9030B"), saId);
                Callable<Integer> measuring = () -> {
                    for (int k = 0; k < rounds; k++) {
                        assertEquals(2e-3, smu.measure().current(), 2e-5, "smu1, measurement " + k);
                    }
                    return rounds;
                };
                Callable<Integer> asking = () -> {
                    for (int k = 0; k < rounds; k++) {
                        assertEquals(saId, sa.query("*IDN?"), "sa1, query " + k);
                    }
                    return rounds;
                };
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    for (Future<Integer> f : pool.invokeAll(List.of(measuring, asking))) {
                        assertEquals(rounds, f.get());
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
            assertEndedSafe(p.bench, "smu1", LIMITS);
        }
    }
}
