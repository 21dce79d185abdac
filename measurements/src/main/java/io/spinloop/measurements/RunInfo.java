package io.spinloop.measurements;

import java.time.Instant;
import java.util.Objects;

/**
 * The root attributes of a measurement file: format, identity, timing and provenance of the run.
 *
 * @param formatVersion version of the file layout ({@link MeasurementLayout#FORMAT_VERSION} when written)
 * @param runId         unique id of the run; also stored in its journal, which ties the two together
 * @param createdUtc    when the run started
 * @param finalisedUtc  when the HDF5 file was written
 * @param provenance    software, configuration, instruments, seeds, measurability
 * @param recovery      set when the file was recovered from the journal of an interrupted run, else null
 */
public record RunInfo(int formatVersion, String runId, Instant createdUtc, Instant finalisedUtc,
                      Provenance provenance, RecoveryInfo recovery) {

    public RunInfo {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(createdUtc, "createdUtc");
        Objects.requireNonNull(finalisedUtc, "finalisedUtc");
        Objects.requireNonNull(provenance, "provenance");
    }

    public boolean recovered() {
        return recovery != null;
    }
}
