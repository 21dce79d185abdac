package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.LIMITS;
import static io.spinloop.drivers.bench.BenchFixture.TIMEOUTS;
import static io.spinloop.drivers.bench.BenchFixture.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.source.ComplianceTripException;
import io.spinloop.drivers.source.CurrentSource;
import io.spinloop.drivers.source.CurrentSources;
import io.spinloop.drivers.source.ListPointTiming;
import io.spinloop.drivers.source.ListSweepResult;
import io.spinloop.drivers.source.SourceTiming;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.SourceEvent;
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
 * The B2900 driver's timing settings over loopback to an emulated B2902A, per channel: NPLC, the trigger delay as the
 * transient delay (the dwell becomes the acquire delay after it), source-only lists as a transient alone paced by the
 * transient timer with the output protection on, and auto zero, which the B2900 does not have, refused before
 * anything is sent. The periods are the emulator's trigger model: max(transient delay, acquire delay + NPLC / 60 Hz)
 * + 0.1 ms.
 */
class KeysightB2900TimingOverLoopbackTest {
    private static final double LINE_S = 1.0 / 60;
    private static final double OVERHEAD_S = 0.1e-3;
    private EmulatedBench bench;

    @BeforeEach
    void startBench() throws IOException {
        bench = EmulatedBench.builder().seed(3)
                .device("stno1", DeviceParameters.defaults().withoutVariation())
                .device("stno2", DeviceParameters.defaults().withoutVariation())
                .currentSource("smu", SourceModel.KEYSIGHT_B2902A, 0, "stno1")
                .sourceChannel("smu-ch2", "smu", 2, "stno2")
                .timing(Timing.VIRTUAL)
                .start();
    }

    @AfterEach
    void stopBench() {
        bench.close();
    }

    private CurrentSource channel(String name, int ch) {
        return Instruments.openCurrentSource(name, tcp(bench, "smu"), "auto", ch, TIMEOUTS, LIMITS, null,
                CurrentSources.WARNINGS_ON_STDERR);
    }

    /** Time between the last two steps of a 5-point list of 1 ms dwell on {@code name}, s. */
    private double periodOfAList(String name, CurrentSource smu) {
        double[] list = {0.2e-3, 0.3e-3, 0.4e-3, 0.3e-3, 0.2e-3};
        smu.setCurrent(0.1e-3);
        ListSweepResult r = smu.runList(list, Duration.ofMillis(1), false);
        assertEquals(5, r.current().length);
        List<SourceEvent> steps = bench.history(name).stream()
                .filter(e -> e.cause() == SourceEvent.Cause.SWEEP_STEP).toList();
        return steps.get(steps.size() - 1).time() - steps.get(steps.size() - 2).time();
    }

    @Test
    void nplcAndTriggerDelayAreSetPerChannelReadBackAndSetThePeriod() {
        try (CurrentSource a = channel("smu", 1); CurrentSource b = channel("smu-ch2", 2)) {
            b.outputOn();
            double slow = periodOfAList("smu-ch2", b);
            assertEquals(1e-3 + 0.1 * LINE_S + OVERHEAD_S, slow, 1e-9, "the B2900's 0.1 NPLC after *RST");

            b.applyTiming(SourceTiming.fastestMeasuring());
            SourceTiming found = b.timing();
            assertEquals(0.01, found.nplc(), 1e-12);
            assertEquals(SourceTiming.AutoZero.OFF, found.autoZero(), "the B2900 has no auto zero");
            assertEquals(0, found.triggerDelayS());
            assertTrue(found.measureInLists());
            assertEquals(1e-3 + 0.01 * LINE_S + OVERHEAD_S, periodOfAList("smu-ch2", b), 1e-9);
            assertEquals(new ListPointTiming(1e-3, 0.01, 60), b.listPointTiming(Duration.ofMillis(1)));

            // a trigger delay before each source action; the measurement still settles the dwell after the step
            b.applyTiming(new SourceTiming(0.1, SourceTiming.AutoZero.OFF, 2e-3, true));
            assertEquals(2e-3, b.timing().triggerDelayS(), 1e-12);
            assertEquals(2e-3 + 1e-3 + 0.1 * LINE_S + OVERHEAD_S, periodOfAList("smu-ch2", b), 1e-9);
            ListSweepResult r = b.runList(new double[] {0.2e-3, 0.1e-3}, Duration.ofMillis(1), false);
            assertEquals(0.2e-3 * 500, r.voltage()[0], 0.02, "read after the step: 0.2 mA through 500 ohm");

            assertEquals(0.1, a.timing().nplc(), 1e-12, "channel 1 keeps its own");
            assertEquals(0, a.timing().triggerDelayS());
            assertTrue(b.isOutputOn(), "changing the timing touches no current");
        }
    }

    @Test
    void autoZeroOnIsRefusedBeforeAnythingIsSent() {
        try (CurrentSource a = channel("smu", 1)) {
            a.outputOn();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> a.applyTiming(new SourceTiming(0.01, SourceTiming.AutoZero.ON, 0, true)));
            assertTrue(e.getMessage().contains("no auto zero"), e.getMessage());
            assertEquals(0.1, a.timing().nplc(), 1e-12, "nothing was sent");
            assertTrue(a.isOutputOn(), "a refusal before sending leaves the source as it was");
        }
    }

    @Test
    void aSourceOnlyListIsTheTransientAlonePacedByTheTimer() {
        try (CurrentSource a = channel("smu", 1)) {
            a.outputOn();
            a.applyTiming(new SourceTiming(0.01, SourceTiming.AutoZero.ONCE, 0.5e-3, false));
            SourceTiming found = a.timing();
            assertFalse(found.measureInLists());
            assertEquals(0.5e-3, found.triggerDelayS(), 1e-12);
            // timer at trigger delay + dwell; no integration
            assertEquals(0.5e-3 + 1e-3, periodOfAList("smu", a), 1e-9);
            assertEquals(0, a.listPointTiming(Duration.ofMillis(1)).nplc(), "a source-only point does not integrate");
            ListSweepResult r = a.runList(new double[] {0.2e-3, 0.1e-3}, Duration.ofMillis(1), false);
            assertTrue(r.voltage()[0] > 1e37, "no voltage read: " + r.voltage()[0]);
            assertTrue(a.isOutputOn());
            // and back to measuring: the voltage is read again, the protection off
            a.applyTiming(SourceTiming.fastestMeasuring());
            r = a.runList(new double[] {0.2e-3, 0.1e-3}, Duration.ofMillis(1), false);
            assertTrue(Math.abs(r.voltage()[0]) < 10, "a real voltage: " + r.voltage()[0]);
        }
    }

    @Test
    void aSourceOnlyListThatReachesComplianceStopsThereAndEndsSafe() {
        try (CurrentSource a = channel("smu", 1)) {
            a.outputOn();
            a.setComplianceVoltage(0.3); // 500 ohm: 0.6 mA reads 0.3 V
            a.applyTiming(new SourceTiming(0.01, SourceTiming.AutoZero.OFF, 0, false));
            a.setCurrent(0.1e-3);
            double[] list = {0.2e-3, 0.3e-3, 0.4e-3, 0.5e-3, 0.6e-3, 0.7e-3, 0.8e-3, 0.7e-3, 0.6e-3, 0.5e-3, 0.4e-3,
                0.3e-3, 0.2e-3};
            ComplianceTripException e = assertThrows(ComplianceTripException.class,
                    () -> a.runList(list, Duration.ofMillis(1), false));
            assertTrue(e.getMessage().contains("source-only"), e.getMessage());
            assertTrue(e.getMessage().endsWith("Ramped to 0 A, output off"), e.getMessage());
            long sourced = bench.history("smu").stream().filter(x -> x.cause() == SourceEvent.Cause.SWEEP_STEP)
                    .count();
            assertTrue(sourced < list.length, "the list stopped at the trip, after " + sourced + " points");
            assertFalse(a.isOutputOn());
        }
        // The instrument's protection switched the output off at the trip, unramped (the only change spinloop did
        // not ramp: the current was pinned by the compliance, not what was asked); nothing flowed after it.
        List<SourceEvent> h = bench.history("smu");
        int off = -1;
        for (int k = 0; k < h.size(); k++) {
            if (h.get(k).cause() == SourceEvent.Cause.OUTPUT && !h.get(k).outputOn()) {
                off = k;
                break;
            }
        }
        assertTrue(off > 0 && h.get(off - 1).cause() == SourceEvent.Cause.SWEEP_STEP, "off right at a list point");
        assertEquals(0.3 / 500, h.get(off - 1).flowingCurrent(), 1e-5, "the point was pinned at 0.3 V");
        for (SourceEvent e : h.subList(off, h.size())) {
            assertEquals(0, e.flowingCurrent(), 0, "nothing flows after the trip: " + e);
        }
    }
}
