package io.spinloop.lab.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.emulator.physics.MagneticParameters;
import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.config.LabConfigLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field reaches the oscillator end to end: on the exact emulated bench (no spread, no drift) the field controller
 * sets 30 mT through the BOP and the gaussmeter, and the analyzer sees stno-a's line where docs/field-physics.md puts
 * it — f = f0(B) + N(B)·p0 with f0 Kittel, I_th ∝ Γ_G(B) and N(B) scaled from the device's values at its reference
 * field — and at 0 A where it always was.
 */
class FieldMovesTheLineTest {
    private static final double DRIVE_A = 2e-3;
    private static final double Q = 0.5;

    @TempDir
    Path dir;

    @Test
    void theLineMovesWithTheFieldAsTheModelSays() throws Exception {
        try (Bench bench = Bench.of(LabConfigLoader.load(TestLabConfigs.exactBench(dir)));
             DeviceRig rig = bench.openDevice("stno-a");
             FieldController field = FieldControllers.open(bench, "stno-a")) {
            rig.source().outputOn();
            rig.source().setCurrent(DRIVE_A);
            assertEquals(expectedLineHz(0.010878), peak(rig.analyzer(), 4.6e9), 15e6, "at 0 A: the device as before");

            field.setField(0.030);
            double b = bench.emulator().magnetField("bop-a");
            assertEquals(0.030, b, 2e-4);
            double expected = expectedLineHz(b);
            assertEquals(6.02e9, expected, 0.01e9, "about 1.4 GHz up");
            assertEquals(expected, peak(rig.analyzer(), expected), 15e6);
        }
    }

    /** Where the model puts the line of the nominal device at field {@code b}. */
    private static double expectedLineHz(double b) {
        MagneticParameters m = MagneticParameters.defaults();
        double ref = m.referenceFieldT(5e9);
        double f0 = 5e9 * m.kittelFrequencyHz(b) / m.kittelFrequencyHz(ref);
        double n = -1e9 * m.frequencyShiftHz(b) / m.frequencyShiftHz(ref);
        double ith = 1e-3 * m.dampingRate(b) / m.dampingRate(ref);
        double x = DRIVE_A / ith;
        double p0 = (x - 1) / (x + Q);
        return f0 + n * p0;
    }

    private static double peak(SpectrumAnalyzer sa, double centerHz) {
        sa.setCenterSpan(centerHz, 400e6);
        sa.setResolutionBandwidth(1e6);
        sa.setPoints(2001);
        sa.setAveraging(16);
        sa.singleSweep();
        return sa.peak().frequencyHz();
    }
}
