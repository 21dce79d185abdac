package io.spinloop.measurements;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Continues an interrupted run into its own file. A journal left by a killed process (or a power cut) is recovered
 * first; then a new journal is started under the run's own id and creation time, the interrupted run's points are
 * copied into it as they were, an {@link Interruption} is noted, and the run goes on adding points. The old file stays
 * untouched until the new one, holding everything, replaces it atomically at close; a resumed run killed in its turn
 * leaves a journal that holds every point so far, and is resumed (or recovered) the same way.
 */
public final class RunResumption {
    /** Why a run stopped, when its journal had to be recovered. */
    public static final String KILLED = "the process was killed or the power failed (its journal was recovered)";
    /** Why a run stopped, when it finalised its own file early. */
    public static final String STOPPED = "the run ended early (Ctrl-C, SIGTERM or an instrument failure)";

    private RunResumption() {
    }

    /**
     * What a resumed run continues.
     *
     * @param recorder     the run, journaling from here on; closing it publishes the whole file
     * @param previous     the interrupted run's file as it was when resumed
     * @param sweeps       recorders continuing the sweeps of {@code previous}, by index
     * @param maps         recorders continuing the maps of {@code previous}, by index
     * @param sequences    the recorder continuing the drive sequences of {@code previous}, or null
     * @param interruption what was noted in the file about this interruption
     */
    public record Resumed(MeasurementRecorder recorder, MeasurementFile previous, List<SweepRecorder> sweeps,
                          List<MapRecorder> maps, SequenceRecorder sequences, Interruption interruption) {
    }

    /**
     * What the interrupted run in {@code out} was started with (to check a resumed run against it), from its journal
     * when one is left, else from its file; nothing is changed on disk.
     *
     * @throws NoSuchFileException when there is neither file nor journal: nothing to resume
     */
    public static Provenance previousProvenance(Path out) throws IOException {
        Path output = out.toAbsolutePath().normalize();
        Path journal = MeasurementRecorder.journalFor(output);
        refuseLive(output);
        if (Files.exists(journal)) {
            JournalReader.Contents c = JournalReader.read(journal);
            if (!c.entries().isEmpty() && c.entries().get(0) instanceof JournalEntry.RunStarted r) {
                return r.provenance();
            }
        }
        if (!Files.exists(output)) {
            throw new NoSuchFileException(output.toString(), null, "nothing to resume: no such file and no journal");
        }
        return MeasurementFile.open(output).info().provenance();
    }

    /**
     * Deletes a journal that holds no intact record: the process was killed while it wrote the journal's header or
     * first record (a run starting, or a resumed run before it copied anything), so there is nothing in it to recover,
     * and the file beside it, if any, is as it was. A journal with any intact record, or not a spinloop journal, is
     * left alone (recovery deals with it, or refuses it by name).
     *
     * @return true when the journal was deleted and there is no file: the run never recorded anything, so resuming it
     *         means starting it
     */
    public static boolean discardEmptyJournal(Path out) throws IOException {
        Path output = out.toAbsolutePath().normalize();
        Path journal = MeasurementRecorder.journalFor(output);
        refuseLive(output);
        if (!Files.exists(journal) || !holdsNoRecord(journal)) {
            return false;
        }
        Files.delete(journal);
        return !Files.exists(output);
    }

    private static boolean holdsNoRecord(Path journal) throws IOException {
        if (Files.size(journal) < JournalCodec.FILE_HEADER_BYTES) {
            return true; // killed while writing the header: not even the magic bytes are whole
        }
        return JournalReader.read(journal).entries().isEmpty();
    }

    /**
     * Recovers a journal left behind (as {@link #resume} does first) and says whether the run is then complete: a run
     * killed while it finalised, or after it published its file, has measured everything, and there is nothing to
     * resume. Returns the points of a complete run, -1 otherwise.
     */
    public static long recoverIfComplete(Path out) throws IOException {
        Path output = out.toAbsolutePath().normalize();
        refuseLive(output);
        if (Files.exists(MeasurementRecorder.journalFor(output))) {
            MeasurementRecovery.recover(MeasurementRecorder.journalFor(output), output, OverwritePolicy.REFUSE);
        }
        if (!Files.exists(output)) {
            return -1;
        }
        MeasurementFile f = MeasurementFile.open(output);
        return complete(f) ? MeasurementRecovery.pointsIn(f) : -1;
    }

    private static boolean complete(MeasurementFile f) {
        return f.sequences().map(SequenceSet::complete).orElse(true) && f.sweeps().stream().allMatch(Sweep::complete)
                && f.maps().stream().allMatch(SpectrumMap::complete)
                && !(f.sweeps().isEmpty() && f.maps().isEmpty() && f.sequences().isEmpty());
    }

    /**
     * Recovers a journal left behind, then starts the resumed run.
     *
     * @throws InvalidMeasurementFileException when the file cannot be resumed (it is complete; a journal of another
     *         run is next to it)
     */
    public static Resumed resume(Path out, StoreOptions options) throws IOException {
        return resume(out, options, pointsBefore -> Map.of());
    }

    /**
     * As {@link #resume(Path, StoreOptions)}, adding to the run's metadata what {@code noted} says of this resume,
     * given the index of the first point the resumed run takes (what changed from that point on, such as an
     * instrument's firmware).
     */
    public static Resumed resume(Path out, StoreOptions options, LongFunction<Map<String, String>> noted)
            throws IOException {
        Path output = out.toAbsolutePath().normalize();
        Path journal = MeasurementRecorder.journalFor(output);
        refuseLive(output);
        String cause = STOPPED;
        if (Files.exists(journal)) {
            MeasurementRecovery.recover(journal, output, OverwritePolicy.REFUSE);
            cause = KILLED;
        }
        MeasurementFile previous = MeasurementFile.open(output);
        if (complete(previous)) {
            throw new InvalidMeasurementFileException(output, null, "is complete: nothing to resume");
        }
        if (cause == STOPPED && previous.info().recovered()) {
            cause = KILLED;
        }
        List<Interruption> before = previous.interruptions();
        long pointsBefore = MeasurementRecovery.pointsIn(previous);
        Provenance p = previous.info().provenance().withMetadata("resumed", Integer.toString(before.size() + 1));
        for (Map.Entry<String, String> e : noted.apply(pointsBefore).entrySet()) {
            p = p.withMetadata(e.getKey(), e.getValue());
        }
        MeasurementRecorder rec = MeasurementRecorder.continuing(output, previous.info().runId(),
                previous.info().createdUtc(), p, options);
        try {
            for (Interruption i : before) {
                rec.noteInterruption(i);
            }
            Interruption now = new Interruption(Instant.now(), pointsBefore, cause);
            rec.noteInterruption(now);
            List<SweepRecorder> sweeps = new ArrayList<>();
            for (Sweep s : previous.sweeps()) {
                sweeps.add(rec.replaySweep(s));
            }
            List<MapRecorder> maps = new ArrayList<>();
            for (SpectrumMap m : previous.maps()) {
                maps.add(rec.replayMap(m));
            }
            SequenceRecorder sequences = previous.sequences().isPresent()
                    ? rec.replaySequences(previous.sequences().get()) : null;
            return new Resumed(rec, previous, sweeps, maps, sequences, now);
        } catch (IOException | RuntimeException e) {
            // The old file is untouched; a journal that copied only part of it is of no use.
            rec.releaseJournalWithoutFinalising();
            Files.deleteIfExists(rec.journal());
            throw e;
        }
    }

    private static void refuseLive(Path output) throws IOException {
        var live = MeasurementRecorder.runInProgress(output);
        if (live.isPresent()) {
            throw new java.nio.file.FileAlreadyExistsException(output.toString(), null, "a run is writing it now ("
                    + live.get() + "); wait for it to end");
        }
    }
}
