package io.spinloop.app.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinloop.app.Cli;
import io.spinloop.app.cli.JsonOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5BenchmarkCommandTest {
    @TempDir
    Path dir;

    @Test
    void smallRunPrintsJsonFiguresForBothModesAndCleansUp() throws Exception {
        Cli.Result r = Cli.run("benchmark", "hdf5", "--size-mb", "2", "--runs", "1", "--bins", "101",
                "--sync-points", "5", "--dir", dir.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode report = JsonOutput.mapper().readTree(r.out());
        assertEquals(2, report.get("modes").size());
        for (JsonNode mode : report.get("modes")) {
            assertTrue(mode.get("finaliseMBps").asDouble() > 0 && mode.get("readMBps").asDouble() > 0, mode.toString());
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void badOptionIsRefused() {
        Cli.Result r = Cli.run("benchmark", "hdf5", "--runs", "0");
        assertTrue(r.exit() != 0);
    }
}
