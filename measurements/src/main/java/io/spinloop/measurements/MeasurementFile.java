package io.spinloop.measurements;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A measurement file read into memory and checked against the layout: sweeps and sequences as typed
 * records, provenance from the root attributes. Open one with {@link #open(Path)}.
 */
public final class MeasurementFile {
    private final Path path;
    private final RunInfo info;
    private final List<Sweep> sweeps;
    private final SequenceSet sequences;
    private final List<SpectrumMap> maps;
    private final List<Interruption> interruptions;

    MeasurementFile(Path path, RunInfo info, List<Sweep> sweeps, SequenceSet sequences) {
        this(path, info, sweeps, sequences, List.of(), List.of());
    }

    MeasurementFile(Path path, RunInfo info, List<Sweep> sweeps, SequenceSet sequences, List<SpectrumMap> maps,
                    List<Interruption> interruptions) {
        this.path = path;
        this.info = Objects.requireNonNull(info);
        this.sweeps = List.copyOf(sweeps);
        this.sequences = sequences;
        this.maps = List.copyOf(maps);
        this.interruptions = List.copyOf(interruptions);
    }

    /** The 2-D maps under {@code /maps}, by index. */
    public List<SpectrumMap> maps() {
        return maps;
    }

    /** Each time the run was resumed ({@code /interruptions}), oldest first; empty for a run never resumed. */
    public List<Interruption> interruptions() {
        return interruptions;
    }

    /**
     * Reads and validates a measurement file.
     *
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws InvalidMeasurementFileException   if it is not HDF5, not a spinloop measurement file, or breaks
     *         the layout (missing dataset, mismatched shapes, NaN or infinite values); the message names the
     *         file and the dataset
     */
    public static MeasurementFile open(Path path) throws IOException {
        return MeasurementFileReader.read(path);
    }

    public Path path() {
        return path;
    }

    /** Format, identity and provenance of the run. */
    public RunInfo info() {
        return info;
    }

    /** The sweeps under {@code /sweeps}, by index. */
    public List<Sweep> sweeps() {
        return sweeps;
    }

    /** The sequences under {@code /sequences}, if the run recorded any. */
    public Optional<SequenceSet> sequences() {
        return Optional.ofNullable(sequences);
    }

    /**
     * The sequences, for code that cannot work without them (twin fitting): the largest rectangular block of
     * sequences × repeats that was recorded ({@link SequenceSet#completeRounds()}). For a finished run that is
     * {@code /sequences} itself; for an interleaved run that was stopped or killed and recovered, it is every
     * sequence with the rounds of repeats it completed, although no sequence got all its repeats.
     *
     * @throws InvalidMeasurementFileException naming the file when it has no {@code /sequences}, or not one
     *         recorded repeat in it
     */
    public SequenceSet requireSequences() throws InvalidMeasurementFileException {
        if (sequences == null) {
            throw new InvalidMeasurementFileException(path, "/sequences", "missing: the file holds "
                    + sweeps.size() + " sweep(s) and no drive sequences; record them with `spinloop measure sequences`");
        }
        SequenceSet usable = sequences.completeRounds();
        if (usable.sequences() == 0) {
            throw new InvalidMeasurementFileException(path, "/sequences", "no sequence with a recorded first repeat"
                    + " (" + sequences.incomplete().size() + " repeat(s) of unfinished sequences only)");
        }
        return usable;
    }

    /** What is inside, in a person's words (for {@code spinloop data info}). */
    public String describe() {
        return MeasurementSummary.describe(this);
    }
}
