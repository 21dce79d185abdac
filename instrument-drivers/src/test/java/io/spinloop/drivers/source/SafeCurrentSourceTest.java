package io.spinloop.drivers.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.verify;

import io.spinloop.drivers.InstrumentException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The safety rules, against an in-memory driver that records every level it was set to. */
class SafeCurrentSourceTest {
    /** 1 mA max, 2 V, 0.1 mA steps at 1 A/s: a step every 100 µs, so tests stay fast. */
    private static final SafetyLimits LIMITS = new SafetyLimits(1e-3, 2.0, 1.0, 1e-4);
    private static final double STEP_TOLERANCE = 1e-15;

    private final RecordingDriver driver = new RecordingDriver();
    private final List<String> warnings = new ArrayList<>();
    private SafeCurrentSource source;

    private SafeCurrentSource attach() {
        source = SafeCurrentSource.attach(driver, LIMITS, warnings::add);
        driver.levels.clear();
        driver.levelTimes.clear();
        return source;
    }

    @AfterEach
    void closeSource() {
        if (source != null) {
            source.close();
        }
    }

    private void assertSafe() {
        assertFalse(driver.output, "output must be off");
        assertEquals(0.0, driver.level, "level must be 0 A");
        assertTrue(driver.largestStep(0.0) <= LIMITS.maxStep() + STEP_TOLERANCE,
                "a step exceeded the limit: " + driver.levels);
    }

    @Test
    void attachingLowersACompliancesAboveTheLimitAndStartsAtZero() {
        driver.compliance = 20.0;
        attach();
        assertEquals(2.0, driver.compliance);
        assertEquals(0.0, source.current());
        assertFalse(source.isOutputOn());
    }

    @Test
    void aModelWithoutTimingCommandsIsRefusedBeforeAnythingIsSentAndKeepsItsCurrent() {
        attach().outputOn();
        source.setCurrent(1e-3);
        int levels = driver.levels.size();
        UnsupportedOperationException e = org.junit.jupiter.api.Assertions.assertThrows(
                UnsupportedOperationException.class, () -> source.applyTiming(SourceTiming.fastestMeasuring()));
        assertTrue(e.getMessage().contains("no timing settings"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, source::timing);
        assertTrue(driver.output, "a refused setting is not a failure: the output stays on");
        assertEquals(1e-3, driver.level);
        assertEquals(levels, driver.levels.size());
    }

    @Test
    void rampsInBoundedStepsAtTheRateLimit() {
        attach().outputOn();
        driver.levels.clear();
        driver.levelTimes.clear();
        source.setCurrent(1e-3);
        assertEquals(1e-3, driver.level);
        assertEquals(10, driver.levels.size(), driver.levels.toString());
        assertTrue(driver.largestStep(0.0) <= LIMITS.maxStep() + STEP_TOLERANCE);
        List<Long> t = driver.levelTimes;
        long interval = (long) (LIMITS.maxStep() / LIMITS.maxRampRate() * 1e9);
        for (int i = 1; i < t.size(); i++) {
            assertTrue(t.get(i) - t.get(i - 1) >= interval * 0.99, "steps " + (i - 1) + "," + i + " only "
                    + (t.get(i) - t.get(i - 1)) + " ns apart");
        }
    }

    @Test
    void slowerRampTakesLonger() {
        attach().outputOn();
        long start = System.nanoTime();
        source.rampTo(5e-4, 0.01); // 0.5 mA at 10 mA/s: 50 ms
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 40, "ramp took only " + ms + " ms");
    }

    @Test
    void requestsBeyondTheLimitsAreRefusedBeforeAnythingIsSent() {
        attach().outputOn();
        int before = driver.levels.size();
        assertThrows(SafetyLimitException.class, () -> source.setCurrent(1.5e-3));
        assertThrows(SafetyLimitException.class, () -> source.setCurrent(-1.5e-3));
        assertThrows(SafetyLimitException.class, () -> source.setCurrent(Double.NaN));
        assertThrows(SafetyLimitException.class, () -> source.rampTo(5e-4, 2.0));
        SafetyLimitException e = assertThrows(SafetyLimitException.class, () -> source.setComplianceVoltage(5.0));
        assertTrue(e.getMessage().contains("smu1") && e.getMessage().contains("2.0 V"), e.getMessage());
        assertEquals(before, driver.levels.size());
        assertEquals(2.0, driver.compliance);
        assertTrue(source.isOutputOn(), "a refused request leaves the source as it was");
    }

    @Test
    void currentNeedsTheOutputOn() {
        attach();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.setCurrent(1e-4));
        assertTrue(e.getMessage().contains("outputOn()"), e.getMessage());
        assertTrue(driver.levels.isEmpty());
    }

    @Test
    void outputOffRampsDownFirst() {
        attach().outputOn();
        source.setCurrent(8e-4);
        source.outputOff();
        assertSafe();
        assertEquals(List.of(true, false), driver.outputs.subList(driver.outputs.size() - 2, driver.outputs.size()));
    }

    @Test
    void anyFailureRampsToZeroAndSwitchesOffBeforeTheCallerSeesIt() {
        attach().outputOn();
        source.setCurrent(6e-4);
        driver.failOnSetLevelCall = driver.levels.size() + 3; // fail in the middle of the next ramp
        InstrumentException e = assertThrows(InstrumentException.class, () -> source.setCurrent(1e-3));
        assertTrue(e.getMessage().contains("injected failure"), e.getMessage());
        assertSafe();
        assertFalse(source.isOutputOn());
        // and the source can be used again
        source.outputOn();
        source.setCurrent(2e-4);
        assertEquals(2e-4, driver.level);
    }

    @Test
    void complianceTripStopsTheRampAndMakesSafe() {
        attach().outputOn();
        driver.tripOnSetLevelCall = 4;
        ComplianceTripException e = assertThrows(ComplianceTripException.class, () -> source.setCurrent(1e-3));
        assertTrue(e.getMessage().contains("compliance"), e.getMessage());
        assertTrue(driver.levels.stream().mapToDouble(Double::doubleValue).max().orElse(0) <= 4e-4 + 1e-15,
                "the ramp must stop at the trip: " + driver.levels);
        assertSafe();
    }

    @Test
    void listSweepsAreCheckedBeforeSending() {
        attach().outputOn();
        source.setCurrent(5e-4);
        Duration dwell = Duration.ofMillis(1);
        // value beyond the current limit
        assertThrows(SafetyLimitException.class, () -> source.runList(new double[] {5e-4, 6e-4, 1.1e-3}, dwell, false));
        // a step beyond the step limit inside the list
        SafetyLimitException step = assertThrows(SafetyLimitException.class,
                () -> source.runList(new double[] {5e-4, 6e-4, 8e-4}, dwell, false));
        assertTrue(step.getMessage().contains("point 1 to point 2"), step.getMessage());
        // the first point too far from the present level
        SafetyLimitException first = assertThrows(SafetyLimitException.class,
                () -> source.runList(new double[] {8e-4, 8e-4}, dwell, false));
        assertTrue(first.getMessage().contains("to point 0"), first.getMessage());
        // the last point too far to return to the present level
        assertThrows(SafetyLimitException.class, () -> source.runList(new double[] {5e-4, 6e-4, 7e-4}, dwell, false));
        // steps too fast for the rate limit: 0.1 mA in 10 µs is 10 A/s
        assertThrows(SafetyLimitException.class,
                () -> source.runList(new double[] {6e-4, 5e-4}, Duration.ofNanos(10_000), false));
        // more points than a 2400 holds
        double[] tooLong = new double[2501];
        java.util.Arrays.fill(tooLong, 5e-4);
        assertThrows(SafetyLimitException.class, () -> source.runList(tooLong, dwell, false));
        assertEquals(0, driver.listRuns, "nothing may have been sent");
    }

    @Test
    void listSweepRunsAndReturnsToTheBias() {
        attach().outputOn();
        source.setCurrent(5e-4);
        ListSweepResult r = source.runList(new double[] {5e-4, 6e-4, 5.5e-4}, Duration.ofMillis(1), true);
        assertEquals(3, r.points());
        assertEquals(5e-4, driver.level, "back at the bias level");
        assertEquals(5e-4, source.current());
        assertTrue(driver.largestStep(0.0) <= LIMITS.maxStep() + STEP_TOLERANCE, driver.levels.toString());
    }

    @Test
    void closeAndShutdownLeaveTheSourceSafe() {
        attach().outputOn();
        source.setCurrent(7e-4);
        int open = ShutdownSafety.openCount();
        source.close();
        assertSafe();
        verify(driver.session).close();
        assertEquals(open - 1, ShutdownSafety.openCount());
        assertThrows(IllegalStateException.class, () -> source.setCurrent(1e-4));
        source = null;
    }

    @Test
    void emergencyStopFromTheShutdownHookMakesSafe() {
        attach().outputOn();
        source.setCurrent(9e-4);
        source.emergencyStop();
        assertSafe();
    }

    @Test
    void aSourceFoundSwitchedOnIsRampedToZeroAndSwitchedOffSayingAtWhatLevelItWasFound() {
        driver.output = true;
        driver.level = 8.7e-4;
        source = SafeCurrentSource.attach(driver, LIMITS, warnings::add);
        assertEquals(List.of("smu1: found output ON at 0.8700 mA; ramping to 0 A before starting"), warnings);
        assertFalse(driver.output, "switched off");
        assertEquals(0.0, driver.level);
        assertTrue(driver.largestStep(8.7e-4) <= LIMITS.maxStep() + STEP_TOLERANCE, "ramped: " + driver.levels);
        assertFalse(source.isOutputOn());
        // and it starts from there as from any source found off
        source.outputOn();
        source.setCurrent(3e-4);
        assertEquals(3e-4, driver.level);
    }

    @Test
    void aSourceFoundOffIsTakenOverWithoutAWord() {
        attach().outputOn();
        source.setCurrent(4e-4);
        source.outputOff();
        assertEquals(List.of(), warnings);
    }

    @Test
    void everyRampStartsFromTheLevelReadBackAndALevelMovedBehindItsBackIsReported() {
        attach().outputOn();
        source.setCurrent(5e-4);
        // Another program sets 0.2 mA on the same instrument.
        driver.level = 2e-4;
        driver.levels.clear();
        source.setCurrent(6e-4);
        assertEquals(6e-4, driver.level);
        assertTrue(driver.largestStep(2e-4) <= LIMITS.maxStep() + STEP_TOLERANCE,
                "ramped from where the source really was: " + driver.levels);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("smu1: found at 0.2000 mA, not at the 0.5000 mA this process set last"),
                warnings.get(0));
        // A list sweep reads back too: its first step is checked from where the source really is.
        driver.level = 3e-4;
        SafetyLimitException e = assertThrows(SafetyLimitException.class,
                () -> source.runList(new double[] {6e-4, 5e-4, 6e-4}, Duration.ofMillis(1), false));
        assertTrue(e.getMessage().contains("from the present 3.0E-4 A to point 0"), e.getMessage());
        assertEquals(0, driver.listRuns);
    }

    @Test
    void anOutputSwitchedOffBehindItsBackEndsTheRun() {
        attach().outputOn();
        source.setCurrent(3e-4);
        driver.output = false; // someone pressed OUTPUT on the front panel
        InstrumentException e = assertThrows(InstrumentException.class, () -> source.setCurrent(4e-4));
        assertTrue(e.getMessage().contains("output found OFF"), e.getMessage());
        assertFalse(driver.output);
        assertEquals(0.0, driver.level, "the level is set back to 0 A (with the output off: no step)");
        assertFalse(source.isOutputOn());
    }

    @Test
    void outputOffDuringShutdownStillRampsToZeroWithoutAnError() {
        attach().outputOn();
        source.setCurrent(9e-4);
        source.beginShutdown(); // what the shutdown hook does first, while the run is still stopping
        source.outputOff(); // ramping to 0 A is what the shutdown wants: not stopped, no error
        assertSafe();
        // a ramp away from zero is stopped
        source.outputOn();
        InstrumentException e = assertThrows(InstrumentException.class, () -> source.setCurrent(5e-4));
        assertTrue(e.getMessage().contains("shutting down"), e.getMessage());
        assertSafe();
    }

    @Test
    void readStateAsksTheInstrument() {
        attach().outputOn();
        source.setCurrent(3e-4);
        driver.level = 1e-4;
        assertEquals(new SourceState(true, 1e-4), source.readState());
        assertEquals("output ON at 0.1000 mA", source.readState().toString());
    }

    @Test
    void refusesToTakeOverASourceDrivingVoltage() {
        driver.output = true;
        driver.currentMode = false;
        InstrumentException e = assertThrows(InstrumentException.class, () -> SafeCurrentSource.attach(driver, LIMITS));
        assertTrue(e.getMessage().contains("sourcing voltage"), e.getMessage());
        assertTrue(driver.output, "must not touch it");
        verify(driver.session).close();
    }
}
