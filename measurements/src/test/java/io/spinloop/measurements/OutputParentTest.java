package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run refused for its output's directory says what is wrong with it: missing, or a file in the way. */
class OutputParentTest {
    @TempDir
    Path dir;

    @Test
    void aRegularFileWhereTheDirectoryShouldBeIsNamedAsSuch() throws Exception {
        Path file = Files.writeString(dir.resolve("a"), "x");
        IOException e = assertThrows(IOException.class, () -> MeasurementRecorder.create(file.resolve("b.h5"),
                SampleData.provenance(), OverwritePolicy.REFUSE));
        assertEquals(file + " is a file, not a directory", e.getMessage());
        e = assertThrows(IOException.class, () -> MeasurementRecorder.create(file.resolve("c/b.h5"),
                SampleData.provenance(), OverwritePolicy.REFUSE));
        assertEquals(file + " is a file, not a directory", e.getMessage());
        e = assertThrows(IOException.class, () -> MeasurementRecorder.create(dir.resolve("missing/b.h5"),
                SampleData.provenance(), OverwritePolicy.REFUSE));
        assertEquals(dir.resolve("missing") + " does not exist; create the directory first", e.getMessage());
        assertEquals("x", Files.readString(file));
    }
}
