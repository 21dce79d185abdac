package io.spinloop.twin.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spinloop.measurements.AtomicFile;
import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.model.AutoOscillator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A twin file that cannot be written says why, and names the file asked for, not only its temporary name. */
class TwinFileWriteFailureTest {
    @TempDir
    Path dir;

    private static TwinRecord record() {
        AutoOscillator.Values v = new AutoOscillator.Values(2e8, 1.1e-3, 0.3, 4e4, 0.07);
        return new TwinRecord(new DigitalTwin(new AutoOscillator(v), Normalisation.identity(), 1e-3), Map.of(), null);
    }

    @Test
    void fullDiskIsNamedWithTheTargetFile() throws Exception {
        // The temporary name is "t.h5.tmp"; pointing it at /dev/full makes every write fail with ENOSPC.
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.exists(devFull), "needs /dev/full (Linux)");
        Path target = dir.resolve("t.h5");
        Files.createSymbolicLink(AtomicFile.temporaryFor(target), devFull);
        IOException e = assertThrows(IOException.class, () -> TwinFile.write(target, record(), false));
        // Was: "Failed to close file" (or "Failed to open file: .../.t.h5.tmp-23810"), with no reason.
        assertTrue(e.getMessage().startsWith(target.toAbsolutePath() + ": cannot write the twin file"), e.getMessage());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void unopenableTemporaryFileSaysWhy() throws Exception {
        // A name that fits the file system, whose temporary name (".tmp" added) does not: jHDF cannot open it.
        Path target = dir.resolve("t".repeat(249) + ".h5"); // 252 bytes; the limit is 255
        IOException e = assertThrows(IOException.class, () -> TwinFile.write(target, record(), false));
        assertTrue(e.getMessage().startsWith(target.toAbsolutePath() + ": cannot write the twin file"), e.getMessage());
        assertTrue(e.getMessage().contains("File name too long"), e.getMessage());
        assertEquals(List.of(), listing(dir));
    }

    private static List<Path> listing(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.toList();
        }
    }
}
