package io.spinloop.measurements;

import java.nio.file.Path;

/**
 * What {@link MeasurementRecovery#recover} did.
 *
 * @param output           the HDF5 file now holding the run
 * @param journal          the journal it came from (deleted once the file was published)
 * @param sweepPoints      sweep points kept
 * @param sequenceRepeats  sequence repeats kept
 * @param droppedBytes     bytes of a torn or corrupt tail that were discarded
 * @param stopReason       why the journal's valid prefix ended early, or null if it was intact
 * @param alreadyFinalised true when the run had been published before the journal could be deleted, so
 *                         only the leftover journal was removed
 */
public record RecoveryReport(Path output, Path journal, long sweepPoints, long sequenceRepeats, long droppedBytes,
                             String stopReason, boolean alreadyFinalised) {

    /** One line for a person. */
    public String summary() {
        if (alreadyFinalised) {
            return output + " was already complete; removed the leftover journal " + journal.getFileName();
        }
        return "recovered " + sweepPoints + " sweep points and " + sequenceRepeats + " sequence repeats into "
                + output + (droppedBytes > 0 ? "; dropped " + droppedBytes + " bytes of a torn last record ("
                + stopReason + ")" : "; the journal was intact");
    }
}
