package io.spinloop.app.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import io.spinloop.measurements.MeasurementRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement run that fails before its first point publishes nothing (issue 12, item 8): no empty file blocks
 * --out for the next run, and --overwrite never replaces a good file with an empty one.
 */
class NoEmptyFileTest {
    @TempDir
    Path dir;

    /** The default bench with its first analyzer dropping the connection once the run has begun its file. */
    private Path analyzerDiesBeforeTheFirstPoint() throws Exception {
        // 20 commands: identification and the start of the analyzer's set-up pass, the recorder is open by then.
        return TestBenches.write(dir, "dies.yaml", TestBenches.replaceLine(TestBenches.defaultBenchText(), "  faults:",
                "  faults: [{instrument: sa-a, kind: drop-connection, after_commands: 20}]"));
    }

    @Test
    void runThatFailsBeforeItsFirstPointLeavesNoFile() throws Exception {
        Path out = dir.resolve("first.h5");
        Cli.Result r = Cli.run("measure", "sweep", "--config", analyzerDiesBeforeTheFirstPoint().toString(), "--out",
                out.toString(), "--quiet");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("0 of 51 points"), "failed before the first point: " + r.out());
        assertTrue(r.err().contains("no file was written"), r.err());
        assertFalse(Files.exists(out), "no empty file blocks the name");
        assertFalse(Files.exists(MeasurementRecorder.journalFor(out)), "no journal either");
    }

    @Test
    void overwriteKeepsTheGoodFileWhenTheNewRunRecordsNothing() throws Exception {
        Path out = dir.resolve("precious.h5");
        byte[] precious = "a good file".getBytes();
        Files.write(out, precious);
        Cli.Result r = Cli.run("measure", "sweep", "--config", analyzerDiesBeforeTheFirstPoint().toString(), "--out",
                out.toString(), "--overwrite", "--quiet");
        assertEquals(1, r.exit(), r.err());
        assertArrayEquals(precious, Files.readAllBytes(out));
        assertFalse(Files.exists(MeasurementRecorder.journalFor(out)));
    }
}
