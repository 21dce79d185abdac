package io.spinloop.measurements;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Records one measurement run into an HDF5 file without ever risking what was measured.
 *
 * <p>During the run every point goes to an append-only journal {@code F.h5.journal} (one write per point,
 * CRC-checked); nothing of the data is kept in memory. {@link #close()} replays the journal into
 * {@code F.h5.tmp}, flushes it, renames it atomically to {@code F.h5} and deletes the journal. If the
 * process dies first, {@link MeasurementRecovery#recover(Path)} does the same from what the journal holds.
 *
 * <p>Methods are synchronized, so a shutdown hook may close the recorder while a runner thread records.
 */
public final class MeasurementRecorder implements AutoCloseable {
    private final Path output;
    private final OverwritePolicy overwrite;
    private final JournalWriter journal;
    private final String runId;
    private final long startNanos;
    private int sweeps;
    private int maps;
    private boolean sequencesBegun;
    private long points;
    private boolean closed;

    private MeasurementRecorder(Path output, OverwritePolicy overwrite, JournalWriter journal, String runId,
                                long startNanos) {
        this.output = output;
        this.overwrite = overwrite;
        this.journal = journal;
        this.runId = runId;
        this.startNanos = startNanos;
    }

    /** Starts a run with {@link StoreOptions#DEFAULT} (page-cache journal, compressed spectra). */
    public static MeasurementRecorder create(Path out, Provenance provenance, OverwritePolicy overwrite)
            throws IOException {
        return create(out, provenance, overwrite, StoreOptions.DEFAULT);
    }

    /**
     * Starts a run writing to {@code out}.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code out} exists and the policy refuses to replace
     *         it, or if a journal of an earlier interrupted run is in the way (recover it first)
     */
    public static MeasurementRecorder create(Path out, Provenance provenance, OverwritePolicy overwrite,
                                             StoreOptions options) throws IOException {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(overwrite, "overwrite");
        Objects.requireNonNull(options, "options");
        Path output = out.toAbsolutePath().normalize();
        if (Files.isDirectory(output)) {
            throw new IOException(output + " is a directory; give the name of the .h5 file to write");
        }
        if (!Files.isDirectory(output.getParent())) {
            throw new IOException(notADirectory(output.getParent()));
        }
        if (overwrite == OverwritePolicy.REFUSE && Files.exists(output)) {
            throw AtomicFile.refused(output);
        }
        String runId = UUID.randomUUID().toString();
        long start = System.nanoTime();
        JournalEntry.RunStarted first =
                new JournalEntry.RunStarted(runId, Instant.now(), provenance, options.compressSpectra());
        JournalWriter w = JournalWriter.create(journalFor(output), options.sync(), first);
        return new MeasurementRecorder(output, overwrite, w, runId, start);
    }

    /**
     * Whether a live run is writing {@code output} now: its journal exists and is locked by the recorder that
     * writes it. Says who, as far as can be found: "process 4711, `spinloop measure sequences ...`, since ...".
     * Empty when there is no journal, or when the journal is that of an interrupted run (nobody holds it).
     */
    public static Optional<String> runInProgress(Path output) {
        Path journal = journalFor(output.toAbsolutePath().normalize());
        if (!Files.exists(journal) || !JournalHolder.isLocked(journal)) {
            return Optional.empty();
        }
        return Optional.of(JournalHolder.describe(journal));
    }

    /** Why {@code dir} cannot take the file: a regular file stands where it or a parent directory should be, or it is missing. */
    private static String notADirectory(Path dir) {
        for (Path a = dir; a != null; a = a.getParent()) {
            if (Files.exists(a)) {
                return Files.isDirectory(a) ? dir + " does not exist; create the directory first"
                        : a + " is a file, not a directory";
            }
        }
        return dir + " does not exist; create the directory first";
    }

    /** The journal that holds a run writing to {@code output}: {@code output + ".journal"}. */
    public static Path journalFor(Path output) {
        return output.resolveSibling(output.getFileName() + ".journal");
    }

    /**
     * Begins a current sweep under {@code /sweeps/<i>}, i counting from 0 in the order sweeps begin.
     * Several sweeps (of several devices) may be open at once.
     *
     * @param frequencyHz      (M) analyzer frequency axis, shared by every spectrum of the sweep
     * @param analyzerSettings stored as attributes of the sweep group (e.g. {@code rbw_Hz}, {@code span_Hz})
     */
    public synchronized SweepRecorder beginSweep(String deviceId, double[] frequencyHz,
                                                 Map<String, ?> analyzerSettings) throws IOException {
        checkOpen();
        checkDevice(deviceId);
        FiniteValues.requireFinite("frequencyHz", frequencyHz);
        if (frequencyHz.length == 0) {
            throw new IllegalArgumentException("frequencyHz: a sweep needs at least one frequency bin");
        }
        int index = sweeps;
        Map<String, Object> settings = AttributeValues.normalise("analyzer settings of sweep " + index,
                analyzerSettings, MeasurementLayout.RESERVED_GROUP_ATTRIBUTES);
        journal.append(new JournalEntry.SweepStarted(index, deviceId, frequencyHz.clone(), settings));
        sweeps++;
        return new SweepRecorder(this, index, frequencyHz.length);
    }

    /**
     * Begins a 2-D map under {@code /maps/<i>}, i counting from 0 in the order maps begin.
     *
     * @param frequencyHz (M) analyzer frequency axis, shared by every spectrum of the map
     * @param grid        the axes, their units and the order the points are taken in
     * @param settings    stored as attributes of the map's group
     */
    public synchronized MapRecorder beginMap(String deviceId, double[] frequencyHz, MapGrid grid,
                                             Map<String, ?> settings) throws IOException {
        checkOpen();
        checkDevice(deviceId);
        FiniteValues.requireFinite("frequencyHz", frequencyHz);
        if (frequencyHz.length == 0) {
            throw new IllegalArgumentException("frequencyHz: a map needs at least one frequency bin");
        }
        for (String v : new String[] {grid.xName(), grid.xUnit(), grid.yName(), grid.yUnit()}) {
            AttributeValues.normaliseValue("map axis", v);
        }
        int index = maps;
        Map<String, Object> s = AttributeValues.normalise("settings of map " + index, settings,
                MeasurementLayout.RESERVED_GROUP_ATTRIBUTES);
        journal.append(new JournalEntry.MapStarted(index, deviceId, frequencyHz.clone(), grid, s));
        maps++;
        return new MapRecorder(this, index, grid, frequencyHz.length);
    }

    /**
     * Starts the journal of a resumed run: the same run id and creation time as the interrupted run, so that its file
     * and this journal are known to belong together ({@link RunResumption}).
     */
    static MeasurementRecorder continuing(Path output, String runId, Instant created, Provenance provenance,
                                          StoreOptions options) throws IOException {
        JournalEntry.RunStarted first = new JournalEntry.RunStarted(runId, created, provenance,
                options.compressSpectra());
        JournalWriter w = JournalWriter.create(journalFor(output), options.sync(), first);
        long sinceCreated = java.time.Duration.between(created, Instant.now()).toNanos();
        return new MeasurementRecorder(output, OverwritePolicy.REPLACE, w, runId, System.nanoTime() - sinceCreated);
    }

    /** Re-journals a sweep of the interrupted run being resumed, with its points as they were. */
    synchronized SweepRecorder replaySweep(Sweep s) throws IOException {
        SweepRecorder r = beginSweep(s.deviceId(), s.frequencyHz(), s.settings());
        for (int i = 0; i < s.points(); i++) {
            r.replay(new JournalEntry.SweepPoint(r.index(), s.timestampS()[i], s.currentA()[i],
                    s.peakFrequencyHz()[i], s.powerW()[i], s.linewidthHz()[i], s.spectrumDbm()[i]));
        }
        if (s.complete()) {
            r.finish();
        }
        return r;
    }

    /** Re-journals a map of the interrupted run being resumed, with its points as they were. */
    synchronized MapRecorder replayMap(SpectrumMap m) throws IOException {
        MapRecorder r = beginMap(m.deviceId(), m.frequencyHz(), m.grid(), m.settings());
        for (int k = 0; k < m.points(); k++) {
            r.replay(new JournalEntry.MapPoint(r.index(), m.timestampS()[k], m.ix()[k], m.iy()[k], m.x()[k],
                    m.y()[k], m.direction()[k], m.peakFrequencyHz()[k], m.powerW()[k], m.linewidthHz()[k],
                    m.spectrumDbm()[k], m.analyzerCentreHz()[k], m.yRead()[k]));
        }
        if (m.complete()) {
            r.finish();
        }
        return r;
    }

    /** Re-journals the drive sequences of the interrupted run being resumed, every recorded repeat as it was. */
    synchronized SequenceRecorder replaySequences(SequenceSet q) throws IOException {
        SequenceRecorder r = beginSequences(q.deviceId(), q.timeS(), q.repeats(), q.settings());
        for (int i = 0; i < q.sequences(); i++) {
            for (int k = 0; k < q.repeats(); k++) {
                r.replay(new JournalEntry.SequenceRepeat(q.sequenceIndex()[i], k, q.timestampS()[i][k],
                        q.driveA()[i], q.powerW()[i][k]));
            }
        }
        for (IncompleteRepeat x : q.incomplete()) {
            r.replay(new JournalEntry.SequenceRepeat(x.sequenceIndex(), x.repeatIndex(), x.timestampS(), x.driveA(),
                    x.powerW()));
        }
        if (q.complete()) {
            r.finish();
        }
        return r;
    }

    synchronized void noteInterruption(Interruption i) throws IOException {
        checkOpen();
        journal.append(new JournalEntry.Interrupted(i));
    }

    /**
     * Begins the drive sequences of the run, stored under {@code /sequences}. One sequence set per file.
     *
     * @param timeS    (T) time of each step from the start of a sequence
     * @param repeats  R, how often each sequence is played
     * @param settings stored as attributes of {@code /sequences} (dwell, zero-span RBW, generator seed, ...)
     */
    public synchronized SequenceRecorder beginSequences(String deviceId, double[] timeS, int repeats,
                                                        Map<String, ?> settings) throws IOException {
        checkOpen();
        checkDevice(deviceId);
        if (sequencesBegun) {
            throw new IllegalStateException(output + ": this run already records sequences; one set per file");
        }
        FiniteValues.requireFinite("timeS", timeS);
        if (timeS.length == 0) {
            throw new IllegalArgumentException("timeS: a sequence needs at least one step");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        Map<String, Object> s = AttributeValues.normalise("settings of /sequences", settings,
                MeasurementLayout.RESERVED_GROUP_ATTRIBUTES);
        journal.append(new JournalEntry.SequencesStarted(deviceId, timeS.clone(), repeats, s));
        sequencesBegun = true;
        return new SequenceRecorder(this, timeS.length, repeats);
    }

    synchronized void append(JournalEntry entry, boolean isPoint) throws IOException {
        checkOpen();
        journal.append(entry);
        if (isPoint) {
            points++;
        }
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) * 1e-9;
    }

    /** The HDF5 file this run publishes at {@link #close()}. */
    public Path output() {
        return output;
    }

    /** The journal that holds the run until it is finalised. */
    public Path journal() {
        return journal.path();
    }

    public String runId() {
        return runId;
    }

    /** Sweep points and sequence repeats recorded so far. */
    public synchronized long points() {
        return points;
    }

    /** Bytes appended to the journal so far. */
    public synchronized long journalBytes() {
        return journal.bytesWritten();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Finalises the run: writes the HDF5 file and publishes it atomically, then deletes the journal.
     * Sweeps and sequences not {@code finish()}ed are stored as incomplete. If publishing fails (the output
     * appeared meanwhile and may not be replaced, the disk is full), the journal is kept and the exception
     * says how to recover it. Calling close again does nothing.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        journal.close();
        RunFinaliser.finalise(journal.path(), output, overwrite, false);
    }

    /**
     * Ends a run that recorded no point: deletes its journal and publishes nothing, so a run that failed before
     * its first point neither leaves an empty file that blocks the name nor replaces an existing one. A run that
     * recorded points is finalised as by {@link #close()}. Calling it again, or after close, does nothing.
     *
     * @return true when the run was discarded (nothing published)
     */
    public synchronized boolean closeOrDiscardIfEmpty() throws IOException {
        if (closed) {
            return false;
        }
        if (points > 0) {
            close();
            return false;
        }
        closed = true;
        journal.close();
        Files.deleteIfExists(journal.path());
        return true;
    }

    /** Releases the journal without finalising, leaving what a killed process leaves (for tests). */
    synchronized void releaseJournalWithoutFinalising() throws IOException {
        closed = true;
        journal.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(output + ": the run is closed");
        }
    }

    private static void checkDevice(String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("deviceId must not be blank");
        }
        AttributeValues.normaliseValue("deviceId", deviceId);
    }
}
