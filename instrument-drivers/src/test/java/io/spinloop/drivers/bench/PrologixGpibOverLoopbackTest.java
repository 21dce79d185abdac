package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.assertEndedSafe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.scpi.InstrumentErrorException;
import io.spinloop.drivers.scpi.ScpiSession;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.ListSweepResult;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both drivers through one emulated Prologix GPIB-ETHERNET gateway: a Keithley 2400 at GPIB address 24 and an
 * N9030B at 18, behind one controller link.
 */
class PrologixGpibOverLoopbackTest {
    private static EmulatedBench bench;

    @BeforeAll
    static void startBench() throws Exception {
        bench = EmulatedBench.builder().seed(42)
                .device("stno1", DeviceParameters.defaults())
                .currentSource("smu1", SourceModel.KEITHLEY_2400, 0, "stno1")
                .analyzer("sa1", AnalyzerModel.KEYSIGHT_N9030B, 0, "stno1")
                .prologixGateway(0, Map.of("smu1", 24, "sa1", 18))
                .timing(Timing.VIRTUAL)
                .start();
    }

    @AfterAll
    static void stopBench() {
        bench.close();
    }

    private static String gpib(int address) {
        return "GPIB0::" + address + "::INSTR?via=127.0.0.1:" + bench.gatewayAddress().getPort();
    }

    @Test
    void aSourceAndAnAnalyzerShareOneController() {
        try (CurrentSource smu = Instruments.openCurrentSource("smu1", gpib(24), "auto", TIMEOUTS, LIMITS);
             SpectrumAnalyzer sa = Instruments.openSpectrumAnalyzer("sa1", gpib(18), "auto", TIMEOUTS)) {
            assertTrue(smu.identity().raw().contains("2400"), smu.identity().raw());
            assertTrue(sa.identity().raw().contains("N9030B"), sa.identity().raw());
            smu.outputOn();
            smu.setCurrent(2e-3); // a ramp in bounded steps
            assertEquals(2e-3, smu.measure().current(), 2e-5);
            double[] list = {2.0e-3, 2.1e-3, 2.2e-3, 2.1e-3, 2.0e-3};
            ListSweepResult sweep = smu.runList(list, Duration.ofMillis(1), false);
            assertEquals(list.length, sweep.points());
            assertTrue(sweep.voltage()[2] > sweep.voltage()[0], "more current, more voltage");

            sa.setCenterSpan(4.5e9, 2e9);
            sa.setPoints(1001);
            sa.singleSweep();
            float[] real = LoopbackExchanges.readTraceInEachFormat(sa);
            assertEquals(1001, real.length);
            // 4004 bytes of floats hold CR, LF or '+' bytes somewhere; the block is read by its length all the same
            smu.outputOff();
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void twoThreadsOnOneControllerNeverGetEachOthersReplies() throws Exception {
        try (ScpiSession smu = ScpiSession.open("smu1", gpib(24), TIMEOUTS);
             ScpiSession sa = ScpiSession.open("sa1", gpib(18), TIMEOUTS)) {
            String smuId = smu.query("*IDN?");
            String saId = sa.query("*IDN?");
            assertTrue(!smuId.equals(saId), smuId);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> done = pool.invokeAll(List.of(asking(smu, smuId), asking(sa, saId)));
                for (Future<Integer> f : done) {
                    assertEquals(300, f.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void anInstrumentErrorIsNamedAndTheExchangeGoesOn() {
        try (ScpiSession smu = ScpiSession.open("smu1", gpib(24), TIMEOUTS)) {
            InstrumentErrorException e = assertThrows(InstrumentErrorException.class, () -> smu.writeChecked(":BOGUS 1"));
            assertTrue(e.getMessage().contains(":BOGUS 1"), e.getMessage());
            assertTrue(smu.label().contains("GPIB0::24::INSTR via Prologix GPIB-ETHERNET at tcp://127.0.0.1:"),
                    smu.label());
            assertTrue(smu.query("*IDN?").contains("2400"));
        }
    }

    @Test
    void aControllerNamedByTheLabConfigIsNamedInErrorsAndTheTrafficLog() {
        String named = "GPIB0::24::INSTR?controller=prologix-1&via=127.0.0.1:" + bench.gatewayAddress().getPort();
        try (ScpiSession smu = ScpiSession.open("smu-a", named, TIMEOUTS)) {
            InstrumentErrorException e = assertThrows(InstrumentErrorException.class, () -> smu.writeChecked(":BOGUS 2"));
            String way = "GPIB0::24::INSTR via prologix-1 at tcp://127.0.0.1:" + bench.gatewayAddress().getPort();
            assertTrue(e.getMessage().contains(way) || smu.label().contains(way), e.getMessage() + " / " + smu.label());
            assertTrue(smu.label().startsWith("smu-a"), smu.label());
            assertTrue(smu.label().contains(way), smu.label());
        }
    }

    /** 300 queries, each checked against the instrument's own identity. */
    private static Callable<Integer> asking(ScpiSession session, String identity) {
        return () -> {
            int n = 0;
            for (int k = 0; k < 300; k++) {
                assertEquals(identity, session.query("*IDN?"), session.name() + ", query " + k);
                n++;
            }
            return n;
        };
    }
}
