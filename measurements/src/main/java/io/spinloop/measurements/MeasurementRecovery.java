package io.spinloop.measurements;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns the journal of an interrupted run into a valid HDF5 file holding every point that was completely
 * written, and says so in the file ({@code recovered = 1}, {@code recovered_points}, ...). Records after a
 * damaged stretch are recovered too; a damaged journal is never deleted (see {@link RecoveryReport#damaged()}).
 */
public final class MeasurementRecovery {
    private static final String JOURNAL_SUFFIX = ".journal";

    private MeasurementRecovery() {
    }

    /**
     * Recovers {@code F.h5} from {@code F.h5.journal}; {@code path} may name either. Refuses to replace an
     * existing {@code F.h5} that belongs to another run.
     */
    public static RecoveryReport recover(Path path) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            throw new InvalidMeasurementFileException(p, null, "is a directory; give the run's F.h5 or F.h5.journal");
        }
        boolean isJournal = p.getFileName().toString().endsWith(JOURNAL_SUFFIX);
        Path journal = isJournal ? p : MeasurementRecorder.journalFor(p);
        Path target = isJournal ? outputFor(p) : p;
        return recover(journal, target, OverwritePolicy.REFUSE);
    }

    /**
     * Recovers the run in {@code journal} into {@code target}.
     *
     * @throws NoSuchFileException if there is no journal
     * @throws InvalidMeasurementFileException if the journal is not one, holds no intact run record, or
     *         is still being written by a live run
     * @throws java.nio.file.FileAlreadyExistsException if the target exists, belongs to another run and
     *         the policy refuses to replace it
     */
    public static RecoveryReport recover(Path journal, Path target, OverwritePolicy policy) throws IOException {
        Path j = journal.toAbsolutePath().normalize();
        Path t = target.toAbsolutePath().normalize();
        if (!Files.exists(j)) {
            throw new NoSuchFileException(j.toString(), null, Files.exists(t)
                    ? "no journal to recover: " + t.getFileName() + " was finalised normally"
                    : "no journal to recover");
        }
        if (Files.exists(t)) {
            MeasurementFile existing = openOrNull(t);
            JournalReader.Contents contents = JournalReader.read(j);
            RunContents run = RunAssembler.assemble(j, contents.entries(), contents.damaged());
            if (existing != null && run.runId().equals(existing.info().runId())
                    && pointsIn(existing) >= run.points()) {
                // The process died between publishing the file and deleting the journal. A damaged journal is
                // still kept: what it lost may not be in the file either.
                JournalDamage damage = JournalDamage.of(contents, run);
                if (damage == null) {
                    Files.delete(j);
                    return new RecoveryReport(t, j, 0, 0, 0, null, true, null, List.of(), null);
                }
                Path kept = RunFinaliser.keepDamaged(j);
                return new RecoveryReport(t, j, 0, 0, contents.droppedBytes(), contents.stopReason(), true,
                        damage.summary(), damage.missing(), kept);
            }
            boolean continuesThisFile = existing != null && run.runId().equals(existing.info().runId());
            if (policy == OverwritePolicy.REFUSE && !continuesThisFile) {
                throw new FileAlreadyExistsException(t.toString(), null, "exists and holds another run (or fewer"
                        + " points of this one); refusing to overwrite it. Recover " + j.getFileName()
                        + " to another file name, or ask to overwrite");
            }
        }
        // A journal of this very run with more points than its file: a resumed run that was interrupted in its
        // turn, whose journal holds the file's points and the new ones. It replaces the file (atomically).
        RunFinaliser.Result r = RunFinaliser.finalise(j, t, Files.exists(t) ? OverwritePolicy.REPLACE : policy, true);
        long repeats = 0;
        if (r.run().sequences() != null) {
            SequenceSet q = r.run().sequences();
            repeats = (long) q.sequences() * q.repeats() + q.incomplete().size();
        }
        JournalDamage damage = r.damage();
        return new RecoveryReport(t, j, r.run().points() - repeats, repeats, r.journal().droppedBytes(),
                r.journal().stopReason(), false, damage == null ? null : damage.summary(),
                damage == null ? List.of() : damage.missing(), r.keptJournal());
    }

    private static Path outputFor(Path journal) {
        String name = journal.getFileName().toString();
        return journal.resolveSibling(name.substring(0, name.length() - JOURNAL_SUFFIX.length()));
    }

    private static MeasurementFile openOrNull(Path file) {
        try {
            return MeasurementFile.open(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Sweep points plus sequence repeats, complete or not, that a file holds. */
    static long pointsIn(MeasurementFile f) {
        long n = 0;
        for (Sweep s : f.sweeps()) {
            n += s.points();
        }
        for (SpectrumMap m : f.maps()) {
            n += m.points();
        }
        if (f.sequences().isPresent()) {
            SequenceSet q = f.sequences().get();
            n += (long) q.sequences() * q.repeats() + q.incomplete().size();
        }
        return n;
    }
}
