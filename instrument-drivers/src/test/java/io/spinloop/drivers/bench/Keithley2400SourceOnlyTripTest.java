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
import io.spinloop.drivers.source.ListSweepResult;
import io.spinloop.drivers.source.SourceState;
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
 * A Keithley 2400 running a source-only list (every measure function off: no voltage read at any point) over loopback,
 * into a 500 ohm device with a 0.3 V compliance, so points above 0.6 mA are pinned at the compliance. The list goes
 * back to the bias at its end, which clears the compliance condition ({@code :TRIPped?} says 0 again): only the
 * Measurement Event Register's compliance bit, latched during the list, still tells of the trip. The driver clears that
 * register before the list and reads it after.
 */
class Keithley2400SourceOnlyTripTest {
    private static final double[] OVER_COMPLIANCE = {0.2e-3, 0.3e-3, 0.4e-3, 0.5e-3, 0.6e-3, 0.7e-3, 0.8e-3, 0.7e-3,
        0.6e-3, 0.5e-3, 0.4e-3, 0.3e-3, 0.2e-3};
    private static final double[] UNDER_COMPLIANCE = {0.2e-3, 0.3e-3, 0.4e-3, 0.5e-3, 0.4e-3, 0.3e-3, 0.2e-3};
    private static final SourceTiming SOURCE_ONLY = new SourceTiming(0.01, SourceTiming.AutoZero.OFF, 0, false);

    private EmulatedBench bench;

    @BeforeEach
    void startBench() throws IOException {
        bench = EmulatedBench.builder().seed(11)
                .device("stno1", DeviceParameters.defaults().withoutVariation())
                .currentSource("smu1", SourceModel.KEITHLEY_2400, 0, "stno1")
                .timing(Timing.VIRTUAL)
                .start();
    }

    @AfterEach
    void stopBench() {
        bench.close();
    }

    private CurrentSource openAtBias(SourceTiming timing) {
        CurrentSource smu = Instruments.openCurrentSource("smu1", tcp(bench, "smu1"), "auto", TIMEOUTS, LIMITS);
        smu.outputOn();
        smu.setComplianceVoltage(0.3); // 500 ohm: 0.6 mA reads 0.3 V
        smu.applyTiming(timing);
        smu.setCurrent(0.1e-3);
        return smu;
    }

    @Test
    void aTripInTheMiddleOfASourceOnlyListStopsTheRunNamedAndLeavesTheSourceAtZeroOff() {
        try (CurrentSource smu = openAtBias(SOURCE_ONLY)) {
            ComplianceTripException e = assertThrows(ComplianceTripException.class,
                    () -> smu.runList(OVER_COMPLIANCE, Duration.ofMillis(1), false));
            assertTrue(e.getMessage().contains("source-only list"), e.getMessage());
            assertTrue(e.getMessage().contains("smu1"), e.getMessage());
            assertTrue(e.getMessage().endsWith("Ramped to 0 A, output off"), e.getMessage());
            assertFalse(smu.isOutputOn());
            SourceState state = smu.readState();
            assertFalse(state.outputOn(), "the instrument says its output is off");
            assertEquals(0, state.levelA(), 0, "and its level 0 A");
        }
        List<SourceEvent> h = bench.history("smu1");
        long pinned = h.stream().filter(x -> x.cause() == SourceEvent.Cause.SWEEP_STEP && x.flowingCurrent() < x.level())
                .count();
        assertTrue(pinned > 0, "the device did reach the compliance in the list");
        int end = lastIndexOf(h, SourceEvent.Cause.SWEEP_END);
        assertTrue(end > 0, "the list ran to its end and went back to the bias");
        for (SourceEvent x : h.subList(end + 1, h.size())) {
            assertTrue(x.level() <= 0.1e-3 + 1e-12, "after the list only the ramp down: " + x);
        }
        SourceEvent last = h.get(h.size() - 1);
        assertFalse(last.outputOn(), "output off at the end: " + last);
        assertEquals(0, last.level(), 0, "at 0 A");
    }

    @Test
    void aSourceOnlyListThatStaysUnderTheCompliancePasses() {
        try (CurrentSource smu = openAtBias(SOURCE_ONLY)) {
            ListSweepResult r = smu.runList(UNDER_COMPLIANCE, Duration.ofMillis(1), false);
            assertEquals(UNDER_COMPLIANCE.length, r.current().length);
            assertTrue(smu.isOutputOn());
            assertEquals(0.1e-3, smu.current(), 1e-12, "back at the bias");
            // and again: nothing the first list left behind is read as a trip of the second
            smu.runList(UNDER_COMPLIANCE, Duration.ofMillis(1), false);
            assertTrue(smu.isOutputOn());
        }
    }

    /**
     * A trip an earlier measuring list saw (a point read at the compliance voltage) also latched the compliance event,
     * which nobody read: the next source-only list clears the register before it runs, so it does not report that trip
     * a second time.
     */
    @Test
    void aTripOfAnEarlierListIsNotReportedAgainByASourceOnlyList() {
        try (CurrentSource smu = openAtBias(SourceTiming.fastestMeasuring())) {
            ComplianceTripException first = assertThrows(ComplianceTripException.class,
                    () -> smu.runList(OVER_COMPLIANCE, Duration.ofMillis(1), false));
            assertTrue(first.getMessage().contains("at point"), "seen in the readings: " + first.getMessage());
            assertFalse(smu.isOutputOn());

            smu.outputOn();
            smu.applyTiming(SOURCE_ONLY);
            smu.setCurrent(0.1e-3);
            ListSweepResult r = smu.runList(UNDER_COMPLIANCE, Duration.ofMillis(1), false);
            assertEquals(UNDER_COMPLIANCE.length, r.current().length);
            assertTrue(smu.isOutputOn(), "the earlier trip was not reported by this list");
        }
    }

    private static int lastIndexOf(List<SourceEvent> h, SourceEvent.Cause cause) {
        for (int k = h.size() - 1; k >= 0; k--) {
            if (h.get(k).cause() == cause) {
                return k;
            }
        }
        return -1;
    }
}
