package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The target is replaced only by a complete new file; a failure leaves the old one, no temporary, and says why. */
class AtomicFileTest {
    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeReplacesTheTargetAndLeavesNoTemporary() throws IOException {
        Path f = dir.resolve("w.json");
        Files.writeString(f, "old");
        AtomicFile.write(f, out -> out.write("new ✓".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new ✓", Files.readString(f));
        AtomicFile.writeString(f, "text é");
        assertEquals("text é", Files.readString(f, StandardCharsets.UTF_8));
        assertEquals(List.of("w.json"), listing());
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporaryAndNamesTheFinalFile() throws IOException {
        Path f = dir.resolve("report.csv");
        Files.writeString(f, "old,content\n");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
            out.write("half a rep".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        }));
        assertEquals(f + ": cannot write the file (writing its temporary report.csv.tmp): No space left on device",
                e.getMessage());
        assertEquals("old,content\n", Files.readString(f));
        assertEquals(List.of("report.csv"), listing());
    }

    @Test
    void aBugInTheWriterPassesAsItIsAndLeavesNothingBehind() throws IOException {
        Path f = dir.resolve("plot.png");
        IllegalStateException bug = new IllegalStateException("no data");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicFile.write(f, out -> {
            out.write(1);
            throw bug;
        }));
        assertSame(bug, e);
        assertEquals(List.of(), listing());
    }

    @Test
    void aWriterThatNamesTheFinalFileItselfKeepsItsMessage() {
        Path f = dir.resolve("t.h5");
        IOException own = new IOException(f + ": cannot write the twin file: No space left on device");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.writeFile(f, tmp -> {
            throw own;
        }));
        assertSame(own, e);
    }

    @Test
    void aFileWriterNeverKeepsTheTailOfAStaleTemporary() throws IOException {
        Path f = dir.resolve("t.h5");
        Files.write(AtomicFile.temporaryFor(f), new byte[4096]); // left by a crash
        // A writer that does not truncate, as jHDF does not.
        AtomicFile.writeFile(f, tmp -> {
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
            }
        });
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        assertEquals(List.of("t.h5"), listing());
    }

    @Test
    void aFullDiskIsToldWithTheFinalFile() throws IOException {
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.exists(devFull), "needs /dev/full (Linux)");
        Path f = dir.resolve("weights.json");
        Files.writeString(f, "{}");
        Files.createSymbolicLink(AtomicFile.temporaryFor(f), devFull);
        IOException e = assertThrows(IOException.class, () -> AtomicFile.writeString(f, "x".repeat(1 << 16)));
        assertTrue(e.getMessage().startsWith(f + ": cannot write the file"), e.getMessage());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals("{}", Files.readString(f));
        assertEquals(List.of("weights.json"), listing());
    }

    @Test
    void aMissingDirectoryIsToldWithTheFinalFile() {
        Path f = dir.resolve("no-such-dir").resolve("a.txt");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.writeString(f, "x"));
        assertTrue(e.getMessage().startsWith(f + ": cannot write the file (writing its temporary a.txt.tmp): "
                + "no such file or directory"), e.getMessage());
    }

    @Test
    void installPublishesAFileWrittenByTheCaller() throws IOException {
        Path f = dir.resolve("c.png");
        Files.writeString(f, "old");
        Path tmp = AtomicFile.temporaryFor(f);
        Files.writeString(tmp, "new");
        AtomicFile.install(tmp, f);
        assertEquals("new", Files.readString(f));
        assertEquals(List.of("c.png"), listing());
    }

    @Test
    void aRefusedOverwriteLeavesTheTargetAndRemovesTheTemporary() throws IOException {
        Path f = dir.resolve("run.h5");
        Files.writeString(f, "old");
        Path tmp = AtomicFile.temporaryFor(f);
        Files.writeString(tmp, "new");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> AtomicFile.install(tmp, f, OverwritePolicy.REFUSE));
        assertEquals(f.toString(), e.getFile());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("run.h5"), listing());
    }

    @Test
    void forcingTheDirectoryNeverFails() {
        // Forced after every install; where the OS cannot open a directory (Windows) it is skipped, not an error.
        assertDoesNotThrow(() -> AtomicFile.syncDirectory(dir));
        assertDoesNotThrow(() -> AtomicFile.syncDirectory(dir.resolve("missing")));
        assertDoesNotThrow(() -> AtomicFile.syncDirectory(null));
        assertFalse(Files.exists(dir.resolve("missing")));
    }
}
