package io.spinloop.twin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.measurements.InvalidMeasurementFileException;
import io.spinloop.measurements.MeasurementRecovery;
import io.spinloop.measurements.SampleData;
import io.spinloop.measurements.fuzz.ByteMutator;
import io.spinloop.measurements.fuzz.FuzzRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The twin's loader ({@link SequenceData#read}, what `twin fit` reads) on damaged measurement files: seeded bit
 * flips, random bytes and truncations of a finished and of a recovered (killed mid-round) sequence file. Every case
 * ends in data or a one-line refusal naming the file: the store's {@link InvalidMeasurementFileException}, or
 * SequenceData's IllegalArgumentException for what the store allows but a twin cannot use (uneven time steps, one
 * step). The store's own fuzzing is measurements' MeasurementFuzzTest.
 */
class SequenceDataFuzzTest {
    private static final int CASES = 300;

    @TempDir
    Path dir;

    private byte[] sequenceFile(String name, int recorded) throws IOException {
        Path f = dir.resolve(name);
        SampleData.interleavedRun(f, 5, 3, recorded);
        MeasurementRecovery.recover(f);
        SequenceData.read(f); // a valid file to start from
        return Files.readAllBytes(f);
    }

    /** A cut file is never read as good; a refusal of SequenceData's own names the file on one line. */
    private static void load(Path file, ByteMutator.Mutation m) throws IOException {
        try {
            SequenceData.read(file);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().startsWith(file.toString()) || e.getMessage().contains("\n")) {
                throw e;
            }
            return;
        }
        assertTrue(m.kind() != ByteMutator.Kind.TRUNCATION, "a file cut to " + m.bytes().length
                + " bytes was read as good (jHDF reads what is missing as zeros)");
    }

    @Test
    void damagedSequenceFilesLoadOrAreRefusedNamingTheFile() throws Exception {
        FuzzRun.Check refusal = FuzzRun.namedRefusal(InvalidMeasurementFileException.class);
        List<FuzzRun> runs = List.of(
                new FuzzRun("twin-loader-finished").run(sequenceFile("done.h5", 15), "f.h5", CASES, 14L, dir,
                        SequenceDataFuzzTest::load, refusal),
                new FuzzRun("twin-loader-recovered").run(sequenceFile("killed.h5", 12), "f.h5", CASES, 15L, dir,
                        SequenceDataFuzzTest::load, refusal));
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (FuzzRun r : runs) {
            System.out.println(r.summary());
            cases += r.cases();
            failures.addAll(r.failures());
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases + " cases failed:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }
}
