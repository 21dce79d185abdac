package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.exceptions.HdfWritingException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A measurement file that cannot be written says why and names the file, not only its temporary name. */
class WriteFailureTest {
    @TempDir
    Path dir;

    @Test
    void jhdfsBareFailureIsToldByItsCause() {
        Path tmp = Path.of("/runs/.t.h5.tmp-23810");
        assertEquals("No space left on device (/runs/.t.h5.tmp-23810)", WriteFailure.reason(new HdfWritingException(
                "Failed to open file: " + tmp, new FileSystemException(tmp.toString(), null, "No space left on device"))));
        assertEquals("permission denied (/runs/.t.h5.tmp-23810)", WriteFailure.reason(new HdfWritingException(
                "Failed to open file: " + tmp, new AccessDeniedException(tmp.toString()))));
        assertEquals("No space left on device", WriteFailure.reason(new HdfWritingException("Failed to close file",
                new IOException("No space left on device"))));
    }

    @Test
    void finalisingIntoAnObstructedTemporaryNameNamesTheFileAndKeepsTheJournal() throws Exception {
        Path out = dir.resolve("run.h5");
        Path tmp = AtomicFile.temporaryFor(out);
        Files.createDirectories(tmp.resolve("something"));
        MeasurementRecorder rec = MeasurementRecorder.create(out, SampleData.provenance(), OverwritePolicy.REFUSE);
        SequenceRecorder q = rec.beginSequences("stno-1", SampleData.timeS(), 1, Map.of());
        q.addRepeat(0, 0, SampleData.drive(0), SampleData.seqPower(0, 0));
        IOException e = assertThrows(IOException.class, rec::close);
        // Was: just "<dir>/run.h5.tmp" (the message of a DirectoryNotEmptyException).
        assertTrue(e.getMessage().startsWith(out + ": cannot write the measurement file (writing its temporary "
                + tmp.getFileName() + "): a directory is in the way"), e.getMessage());
        assertFalse(Files.exists(out));
        assertTrue(Files.exists(rec.journal()), "the run stays in its journal");
    }
}
