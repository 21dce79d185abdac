package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.ListPointTiming;
import io.spinloop.drivers.source.ListSweepResult;
import io.spinloop.drivers.source.SourceTiming;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.SourceEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The timing settings through the real drivers to the emulated Keithleys: set, read back, and what they do to the
 * list point period (the emulator's trigger model: trigger delay, source delay, integration of NPLC / 60 Hz, three
 * integrations with auto zero on, 0.4 ms processing).
 */
class SourceTimingOverLoopbackTest {
    private static final double LINE_S = 1.0 / 60;
    private static final double OVERHEAD_S = 0.4e-3;

    /** Time between the first two steps of a 5-point list of 1 ms dwell, s. */
    private static double periodOfAList(EmulatedBench bench, String name, CurrentSource smu) {
        double[] list = {0.2e-3, 0.3e-3, 0.4e-3, 0.3e-3, 0.2e-3};
        smu.setCurrent(0.1e-3);
        ListSweepResult r = smu.runList(list, Duration.ofMillis(1), false);
        assertEquals(5, r.current().length);
        List<SourceEvent> steps = bench.history(name).stream()
                .filter(e -> e.cause() == SourceEvent.Cause.SWEEP_STEP).toList();
        SourceEvent last = steps.get(steps.size() - 1);
        SourceEvent before = steps.get(steps.size() - 2);
        return last.time() - before.time();
    }

    @ParameterizedTest
    @ValueSource(strings = {"smu1", "smu2"})
    void theFastestMeasuringSettingIsReadBackAndShortensThePointTwelvefold(String name) {
        try (EmulatedBench bench = EmulatorBenches.sourcesAndAnalyzers();
             CurrentSource smu = Instruments.openCurrentSource(name, tcp(bench, name), "auto", TIMEOUTS, LIMITS)) {
            assertTrue(smu.timing().matches(SourceTiming.instrumentDefaults()), smu.timing().describe());
            smu.outputOn();
            double slow = periodOfAList(bench, name, smu);
            // *RST: 1 NPLC with auto zero (reading, reference and zero: three integrations)
            assertEquals(1e-3 + 3 * LINE_S + OVERHEAD_S, slow, 1e-9);

            smu.applyTiming(SourceTiming.fastestMeasuring());
            SourceTiming found = smu.timing();
            assertEquals(0.01, found.nplc(), 1e-12);
            assertEquals(SourceTiming.AutoZero.OFF, found.autoZero(), "auto zero once leaves it off");
            assertTrue(found.measureInLists());
            double fast = periodOfAList(bench, name, smu);
            assertEquals(1e-3 + 0.01 * LINE_S + OVERHEAD_S, fast, 1e-9);
            assertTrue(slow / fast > 12, slow + " s against " + fast + " s");
            assertEquals(new ListPointTiming(1e-3, 0.01, 60), smu.listPointTiming(Duration.ofMillis(1)));
            assertTrue(smu.isOutputOn(), "changing the timing touches no current");
        }
    }

    @Test
    void a2400SourceOnlyListHasNoIntegrationWaitsTheTriggerDelayAndReadsNoVoltage() {
        try (EmulatedBench bench = EmulatorBenches.sourcesAndAnalyzers();
             CurrentSource smu = Instruments.openCurrentSource("smu1", tcp(bench, "smu1"), "auto", TIMEOUTS, LIMITS)) {
            smu.outputOn();
            smu.applyTiming(new SourceTiming(0.01, SourceTiming.AutoZero.OFF, 0.5e-3, false));
            SourceTiming found = smu.timing();
            assertFalse(found.measureInLists());
            assertEquals(0.5e-3, found.triggerDelayS(), 1e-12);
            double period = periodOfAList(bench, "smu1", smu);
            assertEquals(0.5e-3 + 1e-3 + OVERHEAD_S, period, 1e-9);
            assertEquals(0, smu.listPointTiming(Duration.ofMillis(1)).nplc(), "a source-only point does not integrate");
            assertTrue(smu.isOutputOn(), "9.91e37 (no voltage read) is not taken for a point at compliance");
            // and back to measuring: the voltage is read again
            smu.applyTiming(SourceTiming.fastestMeasuring());
            ListSweepResult r = smu.runList(new double[] {0.2e-3, 0.1e-3}, Duration.ofMillis(1), false);
            assertTrue(Math.abs(r.voltage()[0]) < 10, "a real voltage: " + r.voltage()[0]);
        }
    }

    @Test
    void a2450RefusesSourceOnlyListsBeforeSendingThem() {
        try (EmulatedBench bench = EmulatorBenches.sourcesAndAnalyzers();
             CurrentSource smu = Instruments.openCurrentSource("smu2", tcp(bench, "smu2"), "auto", TIMEOUTS, LIMITS)) {
            smu.outputOn();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> smu.applyTiming(new SourceTiming(0.01, SourceTiming.AutoZero.OFF, 0, false)));
            assertTrue(e.getMessage().contains("2450"), e.getMessage());
            assertEquals(1, smu.timing().nplc(), 1e-12, "nothing was sent");
            assertTrue(smu.isOutputOn(), "refused before sending: nothing to make safe");
        }
    }

    /** The 2450's trigger delay is its source delay, waited after each step before the dwell and the measurement. */
    @Test
    void a2450TakesTheTriggerDelayAsItsSourceDelayAndThePointLastsItLonger() {
        try (EmulatedBench bench = EmulatorBenches.sourcesAndAnalyzers();
             CurrentSource smu = Instruments.openCurrentSource("smu2", tcp(bench, "smu2"), "auto", TIMEOUTS, LIMITS)) {
            smu.outputOn();
            smu.applyTiming(new SourceTiming(0.01, SourceTiming.AutoZero.ONCE, 2e-3, true));
            SourceTiming found = smu.timing();
            assertEquals(2e-3, found.triggerDelayS(), 1e-12);
            assertEquals(SourceTiming.AutoZero.OFF, found.autoZero());
            assertEquals(2e-3 + 1e-3 + 0.01 * LINE_S + OVERHEAD_S, periodOfAList(bench, "smu2", smu), 1e-9);
            smu.applyTiming(SourceTiming.fastestMeasuring());
            assertEquals(0, smu.timing().triggerDelayS());
            assertEquals(1e-3 + 0.01 * LINE_S + OVERHEAD_S, periodOfAList(bench, "smu2", smu), 1e-9);
        }
    }
}
