package io.spinloop.app.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinloop.app.Cli;
import io.spinloop.app.cli.JsonOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's twin benchmark reports the epoch time beside the fit and sampling times (values belong to the README). */
class TwinBenchmarkCommandTest {
    @Test
    void reportsTheMedianEpochFromTheFitsProgress() throws Exception {
        Cli.Result r = Cli.run("benchmark", "twin", "--sequences", "12", "--repeats", "4", "--length", "30",
                "--trajectories", "20", "--runs", "1", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode n = JsonOutput.mapper().readTree(r.out());
        double epoch = n.get("epoch_seconds_median").asDouble();
        assertTrue(epoch > 0 && epoch < n.get("fit_seconds_median").asDouble(), "one epoch within the fit: " + r.out());
        // Process CPU time ticks in milliseconds or coarser: a tiny epoch may read 0.
        assertTrue(n.get("epoch_cpu_seconds_median").asDouble() >= 0, r.out());
        assertEquals(1, n.get("epoch_seconds").size());
    }

    @Test
    void theMedianGapLeavesTheFirstEpochOut() {
        // Progress at 0, 5, 6, 8, 9 s: gaps 1, 2, 1 (the 5 s before the first line are not a gap).
        List<Long> t = List.of(0L, 5_000_000_000L, 6_000_000_000L, 8_000_000_000L, 9_000_000_000L);
        assertEquals(1.0, TwinBenchmark.medianGap(t.subList(1, 5)), 1e-12);
        assertEquals(2.0, TwinBenchmark.medianGap(List.of(0L, 2_000_000_000L)), 1e-12);
        assertTrue(Double.isNaN(TwinBenchmark.medianGap(List.of(3L))));
    }

    @Test
    void thePrecisionIsFloat32UnlessAskedAndAnythingElseIsRefused() throws Exception {
        for (String p : new String[] {null, "float64", "float32"}) {
            List<String> args = new java.util.ArrayList<>(List.of("benchmark", "twin", "--sequences", "12", "--repeats", "4",
                    "--length", "30", "--trajectories", "20", "--runs", "1", "--json"));
            if (p != null) {
                args.add("--precision");
                args.add(p);
            }
            Cli.Result r = Cli.run(args.toArray(new String[0]));
            assertEquals(0, r.exit(), r.err());
            assertEquals(p == null ? "float32" : p, JsonOutput.mapper().readTree(r.out()).get("precision").asText(), r.out());
        }
        Cli.Result bad = Cli.run("benchmark", "twin", "--precision", "float16", "--runs", "1");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("'float16' is not a precision: float64 or float32"), bad.err());
    }
}
