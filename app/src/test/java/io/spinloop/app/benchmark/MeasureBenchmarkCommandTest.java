package io.spinloop.app.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.app.cli.JsonOutput;
import org.junit.jupiter.api.Test;

/** The README's benchmark command runs and reports its figures (their values belong to the README, not here). */
class MeasureBenchmarkCommandTest {
    @Test
    void reportsPointsPerSecond() throws Exception {
        Cli.Result r = Cli.run("benchmark", "measure", "--config", TestBenches.defaultBench().toString(), "--runs", "1",
                "--warmup", "0", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode n = JsonOutput.mapper().readTree(r.out());
        assertEquals(51, n.get("points_per_run").asInt());
        assertEquals(1001, n.get("spectrum_points").asInt());
        assertTrue(n.get("median_points_per_s").asDouble() > 0);
    }
}
