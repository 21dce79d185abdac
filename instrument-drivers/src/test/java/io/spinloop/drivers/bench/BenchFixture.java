package io.spinloop.drivers.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.source.SafetyLimits;
import io.spinloop.emulator.EmulatedBench;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * An emulated bench on loopback for the driver tests: two sources (2400, 2450) and two analyzers
 * (N9030B, FSV), the 2400 trigger-linked to the N9030B, on ephemeral ports.
 */
final class BenchFixture {
    /** Fast limits so ramps take milliseconds: 3 mA, 2 V, 0.1 mA steps at 1 A/s (100 µs per step). */
    static final SafetyLimits LIMITS = new SafetyLimits(3e-3, 2.0, 1.0, 1e-4);
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    private static final double STEP_SLACK = 1e-12;

    private BenchFixture() {
    }

    static String tcp(EmulatedBench bench, String name) {
        InetSocketAddress a = bench.address(name);
        return "tcp://" + a.getHostString() + ":" + a.getPort();
    }

    /**
     * The emulator's record proves the safety rules: no change of current larger than the step limit, and the
     * source ends at 0 A with its output off.
     */
    static void assertEndedSafe(EmulatedBench bench, String source, SafetyLimits limits) {
        assertEndedSafe(bench, source, limits, 0);
    }

    /** As above, for the history from entry {@code from} on (what one test did on a shared bench). */
    static void assertEndedSafe(EmulatedBench bench, String source, SafetyLimits limits, int from) {
        List<SourceHistory.Point> all = SourceHistory.of(bench, source);
        List<SourceHistory.Point> h = all.subList(Math.min(from, all.size()), all.size());
        if (h.isEmpty()) {
            fail(source + ": the emulator recorded nothing");
        }
        SourceHistory.Point last = h.get(h.size() - 1);
        assertFalse(last.outputOn(), source + " output must end off; history tail " + tail(h));
        assertTrue(Math.abs(last.level()) < 1e-12, source + " must end at 0 A; history tail " + tail(h));
        assertStepsBounded(h, limits, source);
    }

    static void assertStepsBounded(List<SourceHistory.Point> h, SafetyLimits limits, String source) {
        assertRateBounded(h, limits, source);
        double prev = 0;
        boolean prevOn = false;
        for (SourceHistory.Point p : h) {
            if (p.cause().equals("POWER_ON") || p.cause().equals("RESET")) {
                // power loss or a reset: the instrument's doing, not a step the driver commanded
                prev = p.level();
                prevOn = p.outputOn();
                continue;
            }
            double applied = p.outputOn() ? p.level() : 0;
            double before = prevOn ? prev : 0;
            assertTrue(Math.abs(applied - before) <= limits.maxStep() + STEP_SLACK,
                    source + ": a step of " + Math.abs(applied - before) + " A exceeds the " + limits.maxStep()
                            + " A limit at " + p + "; history tail " + tail(h));
            prev = p.level();
            prevOn = p.outputOn();
        }
    }

    /**
     * Software ramps keep their pace on the wire: between two consecutive level changes with the output on, the
     * bench clock (wall-clock paced between operations, also in virtual timing) shows no faster change than the
     * rate limit. (List sweeps are checked against their dwell before they are sent.) The record stamps a message when
     * the emulator handles it, which lags the driver's write by its thread's wake-up: a first step handled late and a
     * second handled at once look closer than the driver paced them (seen under load: 96 us for a 100 us interval),
     * so 20 us of that lag is allowed beside the 2 %.
     */
    static void assertRateBounded(List<SourceHistory.Point> h, SafetyLimits limits, String source) {
        for (int i = 1; i < h.size(); i++) {
            SourceHistory.Point a = h.get(i - 1);
            SourceHistory.Point b = h.get(i);
            if (!a.cause().equals("LEVEL") || !b.cause().equals("LEVEL") || !a.outputOn() || !b.outputOn()) {
                continue;
            }
            double step = Math.abs(b.level() - a.level());
            double dt = b.time() - a.time();
            double needed = step / limits.maxRampRate();
            assertTrue(dt >= needed * 0.98 - 20e-6, source + ": " + step + " A changed in " + dt + " s, faster than "
                    + limits.maxRampRate() + " A/s, between " + a + " and " + b);
        }
    }

    static String tail(List<SourceHistory.Point> h) {
        return h.subList(Math.max(0, h.size() - 6), h.size()).toString();
    }
}
