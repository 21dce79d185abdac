package io.spinloop.app.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.app.cli.JsonOutput;
import org.junit.jupiter.api.Test;

/**
 * The README's refine benchmark command runs (here with one seed and two budgets) and reports, per seed, the emulated
 * device's threshold, the I_th each method found at each budget and the points each needs (values belong to the
 * README, not here).
 */
class RefineBenchmarkCommandTest {
    @Test
    void reportsThePointsEachMethodNeeds() throws Exception {
        Cli.Result r = Cli.run("benchmark", "refine", "--config", TestBenches.defaultBench().toString(), "--seeds", "1",
                "--budgets", "8,16", "--tolerance", "0.05", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode n = JsonOutput.mapper().readTree(r.out());
        JsonNode seed = n.get("seeds").get(0);
        assertEquals(1e-3, seed.get("referenceA").asDouble(), 0.2e-3, "the emulated stno-a's threshold");
        assertEquals(2, seed.get("uniformA").size());
        assertEquals(2, seed.get("refineA").size());
        assertTrue(n.has("median_uniform_points") && n.has("median_refine_points"), r.out());
        Cli.Result bad = Cli.run("benchmark", "refine", "--budgets", "8,6");
        assertEquals(2, bad.exit(), bad.err());
    }
}
