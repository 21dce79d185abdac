package io.spinloop.measurements;

import java.time.Instant;
import java.util.List;

/**
 * Everything a run recorded, rebuilt from its journal: what gets written into the HDF5 file.
 *
 * @param sequences null when the run recorded no sequences
 * @param points    sweep points plus sequence repeats
 */
record RunContents(String runId, Instant createdUtc, Provenance provenance, boolean compressSpectra,
                   List<Sweep> sweeps, SequenceSet sequences, long points) {
}
