package io.spinloop.measurements;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link MeasurementRecovery#recover} did.
 *
 * @param output           the HDF5 file now holding the run
 * @param journal          the journal it came from (deleted once the file was published, unless damaged)
 * @param sweepPoints      sweep points kept
 * @param sequenceRepeats  sequence repeats kept
 * @param droppedBytes     bytes of a torn last record or of damaged stretches that were discarded
 * @param stopReason       why records were dropped, or null if the journal was intact
 * @param alreadyFinalised true when the run had been published before the journal could be deleted, so
 *                         only the leftover journal was removed
 * @param damage           null, or what a damaged journal lost: each damaged stretch (bytes, offsets, the intact
 *                         records around it), the missing sequence repeats known, records that could not be placed
 * @param missingRepeats   sequence repeats known to be lost in damaged stretches, as "sequence:repeat"
 * @param keptJournal      where a damaged journal was kept (it is never deleted), or null
 */
public record RecoveryReport(Path output, Path journal, long sweepPoints, long sequenceRepeats, long droppedBytes,
                             String stopReason, boolean alreadyFinalised, String damage, List<String> missingRepeats,
                             Path keptJournal) {

    public RecoveryReport {
        missingRepeats = List.copyOf(missingRepeats);
    }

    /** True when the journal lost more than a torn last record: some of the run could not be recovered. */
    public boolean damaged() {
        return damage != null;
    }

    /** One line for a person. */
    public String summary() {
        if (alreadyFinalised) {
            return damage == null
                    ? output + " was already complete; removed the leftover journal " + journal.getFileName()
                    : output + " already holds this run; its leftover journal is DAMAGED (" + damage
                    + ") and is kept as " + keptJournal;
        }
        String kept = "recovered " + sweepPoints + " sweep points and " + sequenceRepeats + " sequence repeats into "
                + output;
        if (damage != null) {
            return kept + "; the journal was DAMAGED and " + droppedBytes + " bytes could not be read: " + damage
                    + "; the journal is kept as " + keptJournal;
        }
        return kept + (droppedBytes > 0 ? "; dropped " + droppedBytes + " bytes of a torn last record ("
                + stopReason + ")" : "; the journal was intact");
    }
}
