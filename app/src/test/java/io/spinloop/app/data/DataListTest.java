package io.spinloop.app.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.app.cli.JsonOutput;
import io.spinloop.measurements.MeasurementFile;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run metadata: {@code --sample}, {@code --operator}, {@code --tag}, {@code --comment} land in the file with the
 * run's kind, bench, device and config hash, and {@code data list} shows them; a file written before runs were
 * labelled (a test resource from commit 1960b1f) still lists, kind and state inferred.
 */
class DataListTest {
    @TempDir
    Path dir;

    @Test
    void labelsAreStoredAndListed() throws Exception {
        Path out = dir.resolve("labelled.h5");
        Cli.Result r = Cli.run("measure", "sweep", "--config", TestBenches.defaultBench().toString(), "--out",
                out.toString(), "--from", "0", "--to", "2e-3", "--step", "1e-3", "--quiet", "--sample", "wafer7-d3",
                "--operator", "ada", "--tag", "cold", "--tag", "batch2", "--comment", "after anneal");
        assertEquals(0, r.exit(), r.out() + r.err());
        Map<String, String> meta = MeasurementFile.open(out).info().provenance().metadata();
        assertEquals("sweep", meta.get("kind"));
        assertEquals("wafer7-d3", meta.get("sample"));
        assertEquals("ada", meta.get("operator"));
        assertEquals("cold,batch2", meta.get("tags"));
        assertEquals("after anneal", meta.get("comment"));
        assertEquals(64, meta.get("config_sha256").length());
        assertEquals("stno-a", meta.get("device"));
        try (InputStream in = DataListTest.class.getResourceAsStream("/io/spinloop/app/before-issue-13/sweep.h5")) {
            Files.copy(in, dir.resolve("old-sweep.h5"));
        }

        Cli.Result list = Cli.run("data", "list", dir.toString(), "--json");
        assertEquals(0, list.exit(), list.err());
        JsonNode rows = JsonOutput.mapper().readTree(list.out());
        assertEquals(2, rows.size(), list.out());
        JsonNode labelled = rowOf(rows, "labelled.h5");
        assertEquals("sweep", labelled.get("kind").asText());
        assertEquals("wafer7-d3", labelled.get("sample").asText());
        assertEquals("stno-a", labelled.get("device").asText());
        assertEquals(3, labelled.get("points").asInt());
        assertEquals("complete", labelled.get("state").asText());
        assertEquals("batch2", labelled.get("tags").get(1).asText());
        JsonNode old = rowOf(rows, "old-sweep.h5");
        assertEquals("sweep", old.get("kind").asText());
        assertEquals(11, old.get("points").asInt());
        assertEquals("complete", old.get("state").asText());

        Cli.Result table = Cli.run("data", "list", dir.toString());
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("wafer7-d3") && table.out().contains("cold,batch2"), table.out());
    }

    @Test
    void aTagWithACommaIsRefusedBeforeTheBenchIsTouched() {
        Cli.Result r = Cli.run("measure", "sweep", "--config", TestBenches.defaultBench().toString(), "--out",
                dir.resolve("x.h5").toString(), "--tag", "a,b", "--quiet");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--tag"), r.err());
        assertTrue(!Files.exists(dir.resolve("x.h5")));
    }

    private static JsonNode rowOf(JsonNode rows, String name) {
        for (JsonNode n : rows) {
            if (n.get("file").asText().endsWith(name)) {
                return n;
            }
        }
        throw new AssertionError(name + " not listed: " + rows);
    }
}
