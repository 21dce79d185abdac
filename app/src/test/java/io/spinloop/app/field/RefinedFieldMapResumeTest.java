package io.spinloop.app.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.SpectrumMap;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code measure map --refine-rows} run SIGKILLed after its coarse pass, while it places rows by what it measured,
 * resumes into the same file: the planner picks up from the rows recorded, and the finished map holds exactly the
 * row budget, each row whole, each point once, with the interruption recorded.
 */
class RefinedFieldMapResumeTest {
    @TempDir
    Path dir;

    @Test
    void aKilledRefinedMapResumesToItsRowBudget() throws Exception {
        Path out = dir.resolve("refined.h5");
        String[] args = {"measure", "map", "--config", TestBenches.defaultBench().toString(), "--device", "stno-a",
                "--out", out.toString(), "--from", "0.6e-3", "--to", "2.4e-3", "--step", "2e-4", "--field-from", "0",
                "--field-to", "0.11", "--field-step", "0.005", "--refine-rows", "8"};
        Pattern progress = Pattern.compile(".*\\] (\\d+)/\\d+ .*");
        try (ChildSpinloop child = ChildSpinloop.start(args)) {
            // 8 rows of 10 currents; the coarse pass is the first 3 rows (30 points): kill in the refinement
            child.awaitLine(l -> {
                Matcher m = progress.matcher(l);
                return m.matches() && Integer.parseInt(m.group(1)) >= 35;
            });
            child.process().destroyForcibly();
            child.process().waitFor(20, TimeUnit.SECONDS);
        }
        String[] resume = java.util.Arrays.copyOf(args, args.length + 2);
        resume[args.length] = "--resume";
        resume[args.length + 1] = "--quiet";
        Cli.Result r = Cli.run(resume);
        assertEquals(0, r.exit(), r.out() + r.err());

        MeasurementFile f = MeasurementFile.open(out);
        assertEquals(1, f.interruptions().size());
        SpectrumMap m = f.maps().get(0);
        assertTrue(m.complete());
        assertEquals(8 * 10, m.points());
        int rows = 0;
        for (int iy = 0; iy < m.grid().y().length; iy++) {
            int taken = 0;
            for (int ix = 0; ix < 10; ix++) {
                taken += m.pointAt(ix, iy) >= 0 ? 1 : 0;
            }
            assertTrue(taken == 0 || taken == 10, "row " + iy + ": " + taken + " points");
            rows += taken == 10 ? 1 : 0;
        }
        assertEquals(8, rows);
    }
}
