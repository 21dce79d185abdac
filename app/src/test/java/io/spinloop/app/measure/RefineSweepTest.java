package io.spinloop.app.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.Sweep;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code measure sweep --refine N} on the emulated bench spends exactly N points, denser around the threshold
 * (emulated near 1 mA) than the uniform grid of the same budget, and fits p(I) from them.
 */
class RefineSweepTest {
    @TempDir
    Path dir;

    @Test
    void aRefinedSweepSpendsItsBudgetAroundTheThreshold() throws Exception {
        Path out = dir.resolve("refined.h5");
        Cli.Result r = Cli.run("measure", "sweep", "--config", TestBenches.defaultBench().toString(), "--out",
                out.toString(), "--refine", "24", "--step", "1e-5", "--quiet");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("p(I) fit: threshold"), r.out());
        Sweep s = MeasurementFile.open(out).sweeps().get(0);
        assertTrue(s.complete());
        assertEquals(24, s.points());
        assertEquals(24, Arrays.stream(s.currentA()).distinct().count(), "no current twice");
        long near = Arrays.stream(s.currentA()).filter(i -> Math.abs(i - 1e-3) < 0.15e-3).count();
        // 24 uniform points over 0..2.5 mA put 3 within 0.15 mA of 1 mA.
        assertTrue(near >= 5, "points near the threshold: " + near + " " + Arrays.toString(s.currentA()));
        assertTrue(MeasurementFile.open(out).info().provenance().metadata().get("plan").contains("refine 24"));
    }
}
