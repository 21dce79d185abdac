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

    /** Each transport of the README's table answers through the drivers; the rates carry their transport. */
    @Test
    void everyTransportIsMeasured() throws Exception {
        boolean socat = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .anyMatch(d -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, "socat")));
        String transports = socat ? "tcp,serial,serial-jssc,gpib-tcp,gpib-serial,usbtmc,vxi11,hislip"
                : "tcp,gpib-tcp,vxi11,hislip";
        Cli.Result r = Cli.run("benchmark", "scpi", "--transport", transports, "--runs", "1", "--seconds", "0.02",
                "--warmup", "0.01", "--points", "1001", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode results = JsonOutput.mapper().readTree(r.out()).get("results");
        String[] names = transports.split(",");
        assertEquals(3 * names.length, results.size(), r.out());
        for (int i = 0; i < results.size(); i++) {
            JsonNode rate = results.get(i);
            assertEquals(names[i / 3], rate.get("transport").asText(), r.out());
            assertTrue(rate.get("median").asDouble() > 0, rate.toString());
            // the goals are the raw socket's (queries, traces); the other transports are measured, not judged
            assertEquals(names[i / 3].equals("tcp") && i % 3 < 2, !rate.get("goal").isNull(), rate.toString());
        }
    }

    @Test
    void anUnknownTransportIsRefusedListingTheKnownOnes() {
        Cli.Result r = Cli.run("benchmark", "scpi", "--transport", "tcp,gpib-usb");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown transport 'gpib-usb'")
                && r.err().contains("gpib-serial, usbtmc, vxi11, hislip"), r.err());
    }

    @Test
    void badOptionsAreRefusedWithTheirValues() {
        Cli.Result r = Cli.run("benchmark", "scpi", "--runs", "0");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--runs: expected 1 to") && r.err().contains("got 0"), r.err());
    }
}
