package io.spinloop.lab.list;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.lab.config.LabConfigLoader;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one point-period measurement, on the emulated 2400 (a point lasts its dwell, 1 NPLC at 60 Hz and 0.4 ms):
 * the same period whichever way the step moves the reading (out of the filter, as sequence recordings step it, or
 * up a line's tail, as calibration does), for short and long dwells.
 */
class PointPeriodTest {
    /** The emulated Keithley 2400's point after *RST: dwell + 1 NPLC at 60 Hz three times (auto zero) + 0.4 ms. */
    private static double truePeriod(double dwellS) {
        return dwellS + 3.0 / 60 + 0.4e-3;
    }

    @Test
    void aStepThatTakesTheLineOutOfTheFilterGivesThePeriod(@TempDir Path dir) throws Exception {
        try (Bench bench = Bench.of(LabConfigLoader.load(TestLabConfigs.exactBench(dir)));
             DeviceRig rig = bench.openDevice("stno-a")) {
            double bias = 1.5e-3;
            double line = DeviceCalibration.findLine(rig, bias, 4.75e9, 1e9);
            for (double dwell : new double[] {1e-3, 0.1}) {
                PointPeriod.Measured m = PointPeriod.measure(new ListPlayer(rig), line, 8e6, dwell, bias, bias + 2.5e-4,
                        false);
                assertNull(m.warning(), m.warning());
                double period = m.periodS();
                // the edges are read to a bin (window / 4000) over 100 points
                double bin = 112 * PointPeriod.windowPerPoint(PointPeriod.timing(rig, dwell, false))
                        / (PointPeriod.BINS - 1);
                assertEquals(truePeriod(dwell), period, 2 * bin / PointPeriod.PLATEAU, "dwell " + dwell + " s");
            }
        }
    }

    @Test
    void aStepUpALinesTailGivesTheSamePeriod(@TempDir Path dir) throws Exception {
        try (Bench bench = Bench.of(LabConfigLoader.load(TestLabConfigs.exactBench(dir)));
             DeviceRig rig = bench.openDevice("stno-a")) {
            double top = 2.55e-3;
            double line = DeviceCalibration.findLine(rig, top, 4.75e9, 1e9);
            double period = PointPeriod.measure(new ListPlayer(rig), line - 30e6, 8e6, 1e-3, top - 2.3e-4, top, false)
                    .periodS();
            double bin = 112 * PointPeriod.windowPerPoint(PointPeriod.timing(rig, 1e-3, false)) / (PointPeriod.BINS - 1);
            assertEquals(truePeriod(1e-3), period, 2 * bin / PointPeriod.PLATEAU);
        }
    }

    @Test
    void theEdgesOfAPlateauOrADipAreWhereTheLevelsChange() {
        SplittableRandom r = new SplittableRandom(3);
        for (double sign : new double[] {1, -1}) {
            float[] dbm = new float[600];
            for (int i = 0; i < dbm.length; i++) {
                dbm[i] = (float) (-60 + (i >= 120 && i < 470 ? sign * 8 : 0) + r.nextGaussian());
            }
            assertArrayEquals(new int[] {120, 470}, PointPeriod.plateauEdges(dbm), "step of " + sign * 8 + " dB");
        }
    }

    @Test
    void aFlatTraceHasNoEdges() {
        float[] flat = new float[50];
        java.util.Arrays.fill(flat, -70f);
        assertNull(PointPeriod.plateauEdges(flat));
    }
}
