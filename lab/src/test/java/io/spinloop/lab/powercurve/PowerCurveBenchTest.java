package io.spinloop.lab.powercurve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.instruments.SourceEvent;
import io.spinloop.lab.RunProgress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench side of bench-mode p(I) runs: each oscillator's power curve calibrated through the drivers. */
class PowerCurveBenchTest {

    @Test
    void eachOscillatorsCurveIsFittedAndEverySourceEndsOff() {
        List<String> said = new ArrayList<>();
        PowerCurveBench bench = PowerCurveBench.emulated(2, 5, 2.5e-3, 4);
        try (bench) {
            List<BenchCalibration> cals = bench.calibrate(1e-3, 40, RunProgress.messagesTo(said::add));
            assertEquals(2, cals.size());
            assertEquals(List.of("stno1", "stno2"), cals.stream().map(BenchCalibration::device).toList());
            for (BenchCalibration c : cals) {
                // the default device: threshold 1 mA, a thermal tail just below it
                assertEquals(1.0, c.curve().criticalCurrent(), 0.2, "fitted threshold of " + c);
                assertTrue(c.rmsResidual() < 0.08, "fit residual (fraction of the largest power) of " + c);
                assertTrue(c.kappa() > 0, "emission scale of " + c);
            }
            assertEquals(2, said.size(), "one line per fit: " + said);
            assertTrue(said.get(0).startsWith("stno1: fitted p(I)"), said.get(0));
        }
        for (String smu : List.of("smu1", "smu2")) {
            List<SourceEvent> h = bench.emulator().history(smu);
            SourceEvent last = h.get(h.size() - 1);
            assertFalse(last.outputOn(), smu + " output off after close: " + last);
            assertEquals(0.0, last.flowingCurrent(), 1e-12, smu + " at 0 A after close: " + last);
            for (SourceEvent e : h) {
                assertTrue(Math.abs(e.level()) <= 2.5e-3 + 1e-12, smu + " beyond its limit: " + e);
            }
        }
    }
}
