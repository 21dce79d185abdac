package io.spinloop.measurements;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Turns a journal into the published HDF5 file: replay, write {@code F.h5.tmp}, fsync, atomic rename to
 * {@code F.h5}, delete the journal. A normal close and a recovery take the same path, so every test of a
 * normal run also exercises the recovery code.
 */
final class RunFinaliser {
    private RunFinaliser() {
    }

    /**
     * What was published.
     *
     * @param run      the contents written
     * @param journal  what the journal held (its stop reason says whether a tail was dropped)
     */
    record Result(RunContents run, JournalReader.Contents journal) {
    }

    static Result finalise(Path journal, Path target, OverwritePolicy policy, boolean recovering)
            throws IOException {
        JournalReader.Contents contents = JournalReader.read(journal);
        RunContents run = RunAssembler.assemble(journal, contents.entries());
        Instant now = Instant.now();
        // A damaged journal at a normal close (disk error) is reported like a recovery: the file says so.
        RecoveryInfo recovery = recovering || contents.stopReason() != null
                ? new RecoveryInfo(now, run.points(), contents.droppedBytes()) : null;
        RunInfo info = new RunInfo(MeasurementLayout.FORMAT_VERSION, run.runId(), run.createdUtc(), now,
                run.provenance(), recovery);
        Path tmp = AtomicFileInstall.temporaryFor(target);
        try {
            Hdf5RunWriter.write(tmp, info, run);
            Hdf5RunWriter.verifyStructure(tmp);
            AtomicFileInstall.install(tmp, target, policy);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(target.toString(), null, e.getReason()
                    + "; the run is kept in " + journal + ": recover it to another name");
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.delete(journal);
        AtomicFileInstall.syncDirectory(journal.toAbsolutePath().getParent());
        return new Result(run, contents);
    }
}
