package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.measurements.fuzz.ByteMutator;
import io.spinloop.measurements.fuzz.FuzzRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing of the journal and the HDF5 measurement files: seeded bit flips, random bytes and truncations of a
 * valid journal and of valid sweep and sequence files, through the real entry points (recovery; open, describe,
 * the store's part of the twin's loader). Every case must end in a correct result or a one-line
 * {@link InvalidMeasurementFileException} naming the file: never another exception, a hang, or a lost or altered input. A journal recovery may move its
 * input, and only as the recovery's rules allow: deleted when everything it held is in the file, else kept
 * byte for byte as {@code .damaged}.
 */
class MeasurementFuzzTest {
    private static final int JOURNAL_CASES = 400;
    private static final int HDF5_CASES = 300;
    private static final int BINS = 64;
    private static final int STEPS = 16;

    @TempDir
    Path dir;

    // ---- inputs: fixed bytes, so that case N is the same case on every machine ------------------------------

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Provenance provenance() {
        return Provenance.builder("0.1.0-fuzz").labConfig("bench: fuzz\n").instrument("source", "KEITHLEY,MODEL 2400,1,C30")
                .seed("emulator", 42).metadata("command", "spinloop measure sequences --out f.h5").build();
    }

    private static double[] frequencies() {
        double[] f = new double[BINS];
        for (int j = 0; j < BINS; j++) {
            f[j] = 4e9 + 1e6 * j;
        }
        return f;
    }

    private static double[] spectrum(int i) {
        double[] s = new double[BINS];
        for (int j = 0; j < BINS; j++) {
            double x = (j - 32 + i % 5) / 4.0;
            s[j] = (float) (-90 + 30 / (1 + x * x));
        }
        return s;
    }

    private static double[] time() {
        double[] t = new double[STEPS];
        for (int k = 0; k < STEPS; k++) {
            t[k] = 1e-3 * k;
        }
        return t;
    }

    private static double[] drive(int s) {
        double[] d = new double[STEPS];
        for (int k = 0; k < STEPS; k++) {
            d[k] = 1e-3 * (1 + ((s * 5 + k * 3) % 7) / 10.0);
        }
        return d;
    }

    private static double[] power(int s, int r) {
        double[] p = new double[STEPS];
        for (int k = 0; k < STEPS; k++) {
            p[k] = 1e-9 * (1 + s) + 1e-12 * (r + 1) * k;
        }
        return p;
    }

    /** The journal of a run killed during its third round of sequence repeats, after a finished sweep. */
    static List<JournalEntry> journalEntries() {
        List<JournalEntry> e = new ArrayList<>();
        e.add(new JournalEntry.RunStarted("run-fuzz", T0, provenance(), true));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rbw_Hz", 1e6);
        settings.put("detector", "RMS");
        e.add(new JournalEntry.SweepStarted(0, "stno-1", frequencies(), settings));
        for (int i = 0; i < 10; i++) {
            e.add(new JournalEntry.SweepPoint(0, 0.1 * i, 1e-4 * i, i % 3 == 0 ? Double.NaN : 4.03e9, 1e-9 * (i + 1),
                    i % 3 == 0 ? Double.NaN : 1e7, spectrum(i)));
        }
        e.add(new JournalEntry.SweepFinished(0));
        e.add(new JournalEntry.SequencesStarted("stno-1", time(), 3, Map.of("dwell_s", 1e-3)));
        int n = 0;
        for (int r = 0; r < 3; r++) {
            for (int s = 0; s < 5; s++) {
                if (n++ < 12) {
                    e.add(new JournalEntry.SequenceRepeat(s, r, 2.0 + n, drive(s), power(s, r)));
                }
            }
        }
        return e;
    }

    static byte[] journalBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        append(out, JournalCodec.fileHeader());
        for (JournalEntry e : journalEntries()) {
            append(out, JournalCodec.encode(e));
        }
        return out.toByteArray();
    }

    private static void append(ByteArrayOutputStream out, ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        out.writeBytes(a);
    }

    /** Offset of the last record of the journal: damage before it can never be a torn tail. */
    static int lastRecordOffset(byte[] journal) {
        ByteBuffer b = ByteBuffer.wrap(journal).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int p = JournalCodec.FILE_HEADER_BYTES;
        int last = p;
        while (p < journal.length) {
            last = p;
            p += JournalCodec.RECORD_HEADER_BYTES + b.getInt(p);
        }
        return last;
    }

    private static byte[] hdf5(Path dir, String name, boolean compress, boolean withSweep, boolean withSequences)
            throws IOException {
        RunContents run = RunAssembler.assemble(dir, journalEntries());
        Path f = dir.resolve(name);
        RunInfo info = new RunInfo(MeasurementLayout.FORMAT_VERSION, "run-fuzz", T0, T0.plusSeconds(60), provenance(),
                null);
        Hdf5RunWriter.write(f, info, new RunContents(run.runId(), run.createdUtc(), run.provenance(), compress,
                withSweep ? run.sweeps() : List.of(), withSequences ? run.sequences() : null, run.points()));
        MeasurementFile.open(f); // a valid file to start from
        byte[] bytes = Files.readAllBytes(f);
        Files.delete(f);
        return bytes;
    }

    // ---- targets --------------------------------------------------------------------------------------------

    /** Recovery of a damaged journal; checks what it says against the rules, and the file it publishes. */
    private static void recoverJournal(Path journal, ByteMutator.Mutation m, int lastRecord) throws IOException {
        String name = journal.getFileName().toString();
        Path output = journal.resolveSibling(name.substring(0, name.length() - ".journal".length()));
        byte[] input = m.bytes();
        RecoveryReport r;
        try {
            r = MeasurementRecovery.recover(journal);
        } catch (InvalidMeasurementFileException e) {
            assertArrayEquals(input, Files.readAllBytes(journal), "a refused journal is left as it was");
            assertFalse(Files.exists(output), "a refused journal publishes nothing");
            throw e;
        }
        MeasurementFile f = MeasurementFile.open(output); // what recovery publishes must read back
        assertEquals(r.sweepPoints() + r.sequenceRepeats(), MeasurementRecovery.pointsIn(f));
        assertFalse(Files.exists(journal), "the journal is moved or deleted once the file is published");
        if (r.damaged()) {
            assertArrayEquals(input, Files.readAllBytes(r.keptJournal()), "a damaged journal is kept byte for byte");
        } else {
            assertTrue(m.kind() == ByteMutator.Kind.TRUNCATION || m.firstChange() >= lastRecord,
                    "bytes changed at " + m.firstChange() + ", before the last record at " + lastRecord
                            + ", yet the journal was deleted as if only a torn tail was lost: " + r.summary());
        }
    }

    /**
     * What `data info` and `plot` do with a measurement file, and the store's part of `twin fit` (the twin's loader
     * is fuzzed on the same kind of file in digital-twin's SequenceDataFuzzTest). A cut file is never read as good.
     */
    private static void readMeasurementFile(Path file, ByteMutator.Mutation m) throws IOException {
        MeasurementFile f = MeasurementFile.open(file);
        assertTrue(m.kind() != ByteMutator.Kind.TRUNCATION, "a file cut to " + m.bytes().length
                + " bytes was read as good (jHDF reads what is missing as zeros)");
        assertFalse(f.describe().isEmpty());
        if (f.sequences().isPresent() && f.sequences().get().sequences() + f.sequences().get().incomplete().size() > 0) {
            f.requireSequences();
        }
    }

    private static final FuzzRun.Check REFUSAL = FuzzRun.namedRefusal(InvalidMeasurementFileException.class);

    /**
     * Where the cases are written: a RAM file system when there is one, because each recovery flushes its file and
     * directory to disk (fsync) as a real one must, and that, not the code under test, would dominate the time.
     */
    private Path caseDir() throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            Path d = Files.createTempDirectory(shm, "spinloop-fuzz-");
            ramDir = d;
            return d;
        }
        return dir;
    }

    private Path ramDir;

    @org.junit.jupiter.api.AfterEach
    void removeRamDir() throws IOException {
        if (ramDir != null) {
            try (var walk = Files.walk(ramDir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void damagedJournalsAndMeasurementFilesEndInAResultOrAClearRefusal() throws Exception {
        Path dir = caseDir();
        byte[] journal = journalBytes();
        int lastRecord = lastRecordOffset(journal);
        List<FuzzRun> runs = new ArrayList<>();

        runs.add(new FuzzRun("journal").inputMayMove().run(journal, "f.h5.journal", JOURNAL_CASES, 12L,
                dir, (in, m) -> recoverJournal(in, m, lastRecord), REFUSAL));
        runs.add(new FuzzRun("sweep-file").run(hdf5(dir, "s.h5", true, true, false), "f.h5", HDF5_CASES, 13L,
                dir, (in, m) -> readMeasurementFile(in, m), REFUSAL));
        runs.add(new FuzzRun("sequences-file").run(hdf5(dir, "q.h5", false, false, true), "f.h5", HDF5_CASES,
                14L, dir, (in, m) -> readMeasurementFile(in, m), REFUSAL));
        runs.add(new FuzzRun("uncompressed-file").run(hdf5(dir, "u.h5", false, true, true), "f.h5", HDF5_CASES,
                15L, dir, (in, m) -> readMeasurementFile(in, m), REFUSAL));

        int cases = 0;
        List<String> failures = new ArrayList<>();
        for (FuzzRun r : runs) {
            System.out.println(r.summary());
            if (System.getenv("SPINLOOP_FUZZ_VERBOSE") != null) {
                System.out.println("  slowest " + r.slowest());
                r.refusals().forEach((k, v) -> System.out.println("  " + v + " x " + k));
            }
            cases += r.cases();
            failures.addAll(r.failures());
        }
        System.out.println("fuzz: " + cases + " cases, " + failures.size() + " failures");
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases + " cases failed:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }
}
