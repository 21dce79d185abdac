package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.assertEndedSafe;
import static io.spinloop.drivers.bench.BenchFixture.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.Instrument;
import io.spinloop.drivers.InstrumentMismatchException;
import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.scpi.ScpiSession;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.ListSweepResult;
import io.spinloop.drivers.source.SafetyLimitException;
import io.spinloop.drivers.source.SafetyLimits;
import io.spinloop.drivers.source.SourceReading;
import io.spinloop.emulator.EmulatedBench;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Keithley drivers against the emulated bench through real loopback sockets. */
class CurrentSourceOverLoopbackTest {
    private static EmulatedBench bench;

    @BeforeAll
    static void startBench() {
        bench = EmulatorBenches.sourcesAndAnalyzers();
    }

    @AfterAll
    static void stopBench() {
        bench.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"smu1", "smu2"})
    void autoSelectsTheDriverAndDrivesTheDeviceWithinTheLimits(String name) {
        try (CurrentSource smu = Instruments.openCurrentSource(name, tcp(bench, name), "auto", TIMEOUTS, LIMITS)) {
            assertTrue(smu.identity().isEmulated(), smu.identity().raw());
            smu.setComplianceVoltage(1.8);
            assertEquals(1.8, smu.complianceVoltage(), 1e-9);
            smu.outputOn();
            smu.setCurrent(2e-3);
            assertEquals(2e-3, smu.current(), 1e-15);
            SourceReading r = smu.measure();
            assertEquals(2e-3, r.current(), 2e-5, "current read back");
            assertTrue(r.voltage() > 0.1 && r.voltage() < 1.8, "voltage across a ~500 ohm device: " + r.voltage());
            double[] list = {2.0e-3, 2.1e-3, 2.2e-3, 2.1e-3, 2.0e-3};
            ListSweepResult sweep = smu.runList(list, Duration.ofMillis(1), false);
            assertEquals(list.length, sweep.points());
            assertTrue(sweep.voltage()[2] > sweep.voltage()[0], "more current, more voltage");
            smu.setCurrent(-1e-3);
            smu.outputOff();
        }
        assertEndedSafe(bench, name, LIMITS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"smu1", "smu2"})
    void listsLongerThanOneCommandAreAppendedInChunks(String name) {
        double[] list = new double[250];
        for (int k = 0; k < list.length; k++) {
            list[k] = 1.0e-3 + 1e-5 * (k < 125 ? k : 250 - k);
        }
        try (CurrentSource smu = Instruments.openCurrentSource(name, tcp(bench, name), "auto", TIMEOUTS, LIMITS)) {
            smu.outputOn();
            smu.setCurrent(1.0e-3);
            ListSweepResult r = smu.runList(list, Duration.ofMillis(1), false);
            assertEquals(250, r.points());
            assertEquals(list[124], r.current()[124], 2e-5, "the appended part was sourced");
            assertTrue(r.voltage()[124] > r.voltage()[0], "more current, more voltage");
            assertEquals(1.0e-3, smu.current(), 1e-15, "back at the bias");
        }
        assertEndedSafe(bench, name, LIMITS);
    }

    @Test
    void rampsKeepTheirRateOnTheWire() {
        SafetyLimits slow = new SafetyLimits(3e-3, 2.0, 20e-3, 1e-4); // 5 ms per 0.1 mA step
        int from = SourceHistory.of(bench, "smu2").size();
        try (CurrentSource smu = Instruments.openCurrentSource("smu2", tcp(bench, "smu2"), "auto", TIMEOUTS, slow)) {
            smu.outputOn();
            long start = System.nanoTime();
            smu.setCurrent(1e-3);
            double seconds = (System.nanoTime() - start) * 1e-9;
            assertTrue(seconds >= 0.049, "1 mA at 20 mA/s takes at least 50 ms, took " + seconds + " s");
            List<SourceHistory.Point> h = SourceHistory.of(bench, "smu2");
            long levels = h.stream().filter(p -> p.cause().equals("LEVEL") && p.level() > 0).count();
            assertTrue(levels >= 10, "ten steps of 0.1 mA: " + BenchFixture.tail(h));
        }
        assertEndedSafe(bench, "smu2", slow, from);
    }

    @Test
    void aRequestBeyondTheLimitIsRefusedBeforeAnythingIsSent() {
        try (CurrentSource smu = Instruments.openCurrentSource("smu1", tcp(bench, "smu1"), "keithley-2400", TIMEOUTS,
                LIMITS)) {
            smu.outputOn();
            smu.setCurrent(1e-3);
            int recorded = SourceHistory.of(bench, "smu1").size();
            assertThrows(SafetyLimitException.class, () -> smu.setCurrent(3.5e-3));
            assertThrows(SafetyLimitException.class, () -> smu.setComplianceVoltage(10));
            assertThrows(SafetyLimitException.class,
                    () -> smu.runList(new double[] {1e-3, 1.5e-3}, Duration.ofMillis(1), false));
            assertEquals(recorded, SourceHistory.of(bench, "smu1").size(), "the instrument was told nothing");
            assertEquals(1e-3, smu.current(), 1e-15);
        }
        assertEndedSafe(bench, "smu1", LIMITS);
    }

    @Test
    void anInstrumentThatIsNotTheConfiguredModelIsRefused() {
        InstrumentMismatchException e = assertThrows(InstrumentMismatchException.class,
                () -> Instruments.openCurrentSource("smu1", tcp(bench, "smu1"), "keithley-2450", TIMEOUTS, LIMITS));
        assertTrue(e.getMessage().contains("configured as Keithley 2450") && e.getMessage().contains("MODEL 2400"),
                e.getMessage());
        InstrumentMismatchException kind = assertThrows(InstrumentMismatchException.class,
                () -> Instruments.openCurrentSource("sa1", tcp(bench, "sa1"), "auto", TIMEOUTS, LIMITS));
        assertTrue(kind.getMessage().contains("spectrum analyzer"), kind.getMessage());
    }

    @Test
    void autoOpensWhateverIsThere() {
        try (Instrument i = Instruments.open("sa2", tcp(bench, "sa2"), "auto", TIMEOUTS, LIMITS, null)) {
            assertTrue(i instanceof SpectrumAnalyzer, i.toString());
            assertTrue(i.identity().maker().startsWith("Rohde"), i.identity().raw());
        }
    }

    @Test
    void concurrentQueriesOnOneRealConnectionGetTheirOwnReplies() throws InterruptedException {
        try (ScpiSession s = ScpiSession.open("smu2", tcp(bench, "smu2"), TIMEOUTS)) {
            String idn = s.identify().raw();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            String[][] queries = {{"*IDN?", idn}, {"*LANG?", "SCPI"}, {":SYST:VERS?", "1999.0"}};
            for (String[] q : queries) {
                for (int copy = 0; copy < 2; copy++) {
                    Thread t = new Thread(() -> {
                        for (int i = 0; i < 300; i++) {
                            try {
                                String reply = s.query(q[0]);
                                if (!reply.equals(q[1])) {
                                    wrong.add(q[0] + " -> " + reply);
                                }
                            } catch (RuntimeException e) {
                                wrong.add(q[0] + " failed: " + e.getMessage());
                            }
                        }
                    });
                    t.start();
                    threads.add(t);
                }
            }
            for (Thread t : threads) {
                t.join(20_000);
            }
            assertTrue(wrong.isEmpty(), "replies went to the wrong caller: " + wrong.stream().limit(5).toList());
        }
    }
}
