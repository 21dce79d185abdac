package io.spinloop.measurements;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Turns a journal into the published HDF5 file: replay, write {@code F.h5.tmp}, fsync, atomic rename to
 * {@code F.h5}, then remove the journal. A normal close and a recovery take the same path, so every test of a
 * normal run also exercises the recovery code.
 *
 * <p>The journal is deleted only when the file holds everything it held (every record intact, or only a torn
 * last record dropped). A damaged journal, one that lost records that cannot be read back, is kept next to the
 * file as {@code F.h5.journal.damaged} (or {@code .damaged.1}, ...), so that nothing of it is ever thrown away.
 */
final class RunFinaliser {
    static final String DAMAGED_SUFFIX = ".damaged";

    private RunFinaliser() {
    }

    /**
     * What was published.
     *
     * @param run          the contents written
     * @param journal      what the journal held (its stop reason says whether a tail was dropped)
     * @param damage       what a damaged journal lost, or null
     * @param keptJournal  where a damaged journal was kept, or null when the journal was deleted
     */
    record Result(RunContents run, JournalReader.Contents journal, JournalDamage damage, Path keptJournal) {
    }

    static Result finalise(Path journal, Path target, OverwritePolicy policy, boolean recovering)
            throws IOException {
        JournalReader.Contents contents;
        RunContents run;
        try {
            contents = JournalReader.read(journal);
            run = RunAssembler.assemble(journal, contents.entries(), contents.damaged());
        } catch (InvalidMeasurementFileException e) {
            if (recovering) {
                throw e; // a journal given to recover: the file is refused
            }
            // The run's own journal, unreadable at its close: the run failed (its disk), no file given was wrong.
            throw new IOException(e.getMessage(), e);
        }
        JournalDamage damage = JournalDamage.of(contents, run);
        Instant now = Instant.now();
        // A damaged journal at a normal close (disk error) is reported like a recovery: the file says so.
        RecoveryInfo recovery = recovering || contents.stopReason() != null || damage != null
                ? new RecoveryInfo(now, run.points(), contents.droppedBytes(), damage == null ? null : damage.summary())
                : null;
        RunInfo info = new RunInfo(MeasurementLayout.FORMAT_VERSION, run.runId(), run.createdUtc(), now,
                run.provenance(), recovery);
        try {
            AtomicFile.writeFile(AtomicFile.temporaryFor(target), target, policy, tmp -> {
                Hdf5RunWriter.write(tmp, target, info, run);
                Hdf5RunWriter.verifyStructure(tmp);
            });
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(target.toString(), null, e.getReason()
                    + "; the run is kept in " + journal + ": recover it to another name");
        }
        Path kept = damage != null ? keepDamaged(journal) : null;
        if (kept == null) {
            Files.delete(journal);
        }
        AtomicFile.syncDirectory(journal.toAbsolutePath().getParent());
        return new Result(run, contents, damage, kept);
    }

    /** Moves a damaged journal aside (never over an earlier one) and returns where it went. */
    static Path keepDamaged(Path journal) throws IOException {
        Path kept = journal.resolveSibling(journal.getFileName() + DAMAGED_SUFFIX);
        for (int i = 1; Files.exists(kept); i++) {
            kept = journal.resolveSibling(journal.getFileName() + DAMAGED_SUFFIX + "." + i);
        }
        Files.move(journal, kept);
        return kept;
    }
}
