package io.spinloop.app.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinloop.app.Cli;
import io.spinloop.app.cli.JsonOutput;
import org.junit.jupiter.api.Test;

class ScpiBenchmarkTest {

    @Test
    void shortRunReportsEveryRateAsJson() throws Exception {
        Cli.Result r = Cli.run("benchmark", "scpi", "--runs", "3", "--seconds", "0.05", "--warmup", "0.02",
                "--points", "201", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode report = JsonOutput.mapper().readTree(r.out());
        assertEquals(3, report.get("runs").asInt());
        JsonNode results = report.get("results");
        assertEquals(3, results.size(), r.out());
        assertTrue(results.get(1).get("name").asText().startsWith("201-point"), r.out());
        for (JsonNode rate : results) {
            assertEquals(3, rate.get("perRun").size());
            double median = rate.get("median").asDouble();
            assertTrue(median > 0 && median >= rate.get("min").asDouble() && median <= rate.get("max").asDouble(),
                    rate.toString());
        }
    }

    @Test
    void badOptionsAreRefusedWithTheirValues() {
        Cli.Result r = Cli.run("benchmark", "scpi", "--runs", "0");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--runs: expected 1 to") && r.err().contains("got 0"), r.err());
    }
}
