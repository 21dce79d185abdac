package io.spinloop.measurements;

import java.time.Instant;
import java.util.List;

/**
 * Everything a run recorded, rebuilt from its journal: what gets written into the HDF5 file.
 *
 * @param sequences     null when the run recorded no sequences
 * @param points        sweep points, map points and sequence repeats
 * @param unplaced      intact records of a damaged journal that could not be placed, because the record that
 *                      started their sweep or sequence set was lost (0 for an undamaged journal)
 * @param notes         what the assembly had to do differently because of damage, for the person (empty if nothing)
 * @param maps          the 2-D maps, by index
 * @param interruptions the interruptions of a resumed run, oldest first (empty for a run never resumed)
 */
record RunContents(String runId, Instant createdUtc, Provenance provenance, boolean compressSpectra,
                   List<Sweep> sweeps, SequenceSet sequences, long points, long unplaced, List<String> notes,
                   List<SpectrumMap> maps, List<Interruption> interruptions) {

    RunContents(String runId, Instant createdUtc, Provenance provenance, boolean compressSpectra,
                List<Sweep> sweeps, SequenceSet sequences, long points, long unplaced, List<String> notes) {
        this(runId, createdUtc, provenance, compressSpectra, sweeps, sequences, points, unplaced, notes, List.of(),
                List.of());
    }

    RunContents(String runId, Instant createdUtc, Provenance provenance, boolean compressSpectra,
                List<Sweep> sweeps, SequenceSet sequences, long points) {
        this(runId, createdUtc, provenance, compressSpectra, sweeps, sequences, points, 0, List.of());
    }
}
