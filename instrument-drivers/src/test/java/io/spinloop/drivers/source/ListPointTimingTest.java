package io.spinloop.drivers.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6: a measured list-point period outside what the source's settings allow is refused (too short)
 * or stored with a warning (far too long), never stored silently.
 */
class ListPointTimingTest {
    /** 1 ms source delay, 1 NPLC at 60 Hz: the emulated 2400, whose points last 18.07 ms. */
    private static final ListPointTiming AT_60_HZ = new ListPointTiming(1e-3, 1, 60);
    /** The same at 50 Hz, where 1 NPLC alone is 20 ms. */
    private static final ListPointTiming AT_50_HZ = new ListPointTiming(1e-3, 1, 50);
    private static final double RESOLUTION = 0.13e-3;

    @Test
    void theBoundsFollowTheSettings() {
        assertEquals(1e-3 + 1.0 / 60, AT_60_HZ.minimumS(), 1e-15);
        assertEquals(21e-3, AT_50_HZ.minimumS(), 1e-15);
        assertEquals(4 * 21e-3 + 0.05, AT_50_HZ.maximumS(), 1e-15);
        assertEquals("source delay 1.00 ms + 1.00 NPLC at 50.0 Hz (20.0 ms)", AT_50_HZ.describe());
        assertEquals(2e-9, ListPointTiming.delayOnly(2e-9).minimumS(), 0);
    }

    @Test
    void aPeriodShorterThanDwellPlusIntegrationIsRefusedWithTheRangeAndTheLikelyCause() {
        for (double measured : new double[] {2.13e-3, 12.9e-3}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> AT_60_HZ.check("stno-a: smu-a", measured, RESOLUTION));
            assertTrue(e.getMessage().startsWith("stno-a: smu-a: measured list point period "
                    + String.format(java.util.Locale.ROOT, "%.3g ms", measured * 1e3) + " is impossible: the settings"
                    + " allow 17.7 ms to 121 ms (source delay 1.00 ms + 1.00 NPLC at 60.0 Hz (16.7 ms))"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("another client"), e.getMessage());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AT_50_HZ.check("stno-a: smu-a", 2.13e-3, RESOLUTION));
        assertTrue(e.getMessage().contains("2.13 ms is impossible: the settings allow 21.0 ms to 134 ms"),
                e.getMessage());
        // 18.1 ms is a 60 Hz instrument's point; at 50 Hz the integration alone takes 20 ms
        assertThrows(IllegalStateException.class, () -> AT_50_HZ.check("x", 18.1e-3, RESOLUTION));
        assertThrows(IllegalStateException.class, () -> AT_60_HZ.check("x", Double.NaN, RESOLUTION));
        assertThrows(IllegalStateException.class, () -> AT_60_HZ.check("x", Double.POSITIVE_INFINITY, RESOLUTION));
    }

    @Test
    void aPlausiblePeriodIsAcceptedWithoutAWord() {
        assertEquals(Optional.empty(), AT_60_HZ.check("x", 18.1e-3, RESOLUTION));
        assertEquals(Optional.empty(), AT_60_HZ.check("x", 18.072e-3, RESOLUTION));
        assertEquals(Optional.empty(), AT_50_HZ.check("x", 21.4e-3, RESOLUTION));
        // within the measurement's resolution of the minimum: not evidence of anything
        assertEquals(Optional.empty(), AT_60_HZ.check("x", AT_60_HZ.minimumS() - 0.5 * RESOLUTION, RESOLUTION));
        // the emulator with its instrument limits lifted: a point is its dwell
        assertEquals(Optional.empty(), ListPointTiming.delayOnly(1e-3).check("x", 1.0e-3, 1e-5));
    }

    @Test
    void aPeriodFarLongerThanTheSettingsExplainIsStoredWithAWarning() {
        Optional<String> w = AT_60_HZ.check("stno-a: smu-a", 54.2e-3 * 3, RESOLUTION);
        assertTrue(w.isPresent());
        assertEquals("stno-a: smu-a: measured list point period 163 ms is longer than the settings allow 17.7 ms to "
                + "121 ms (source delay 1.00 ms + 1.00 NPLC at 60.0 Hz (16.7 ms)); stored as measured. Was another "
                + "client triggering the source or the analyzer?", w.get());
        assertFalse(AT_60_HZ.check("x", 120e-3, RESOLUTION).isPresent());
    }

    @Test
    void settingsThatAreNotNumbersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ListPointTiming(-1e-3, 1, 60));
        assertThrows(IllegalArgumentException.class, () -> new ListPointTiming(1e-3, Double.NaN, 60));
        assertThrows(IllegalArgumentException.class, () -> new ListPointTiming(1e-3, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ListPointTiming(1e-3, 1, Double.POSITIVE_INFINITY));
    }
}
