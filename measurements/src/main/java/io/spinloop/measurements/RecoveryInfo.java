package io.spinloop.measurements;

import java.time.Instant;

/**
 * What a file says about its recovery from the journal of an interrupted run.
 *
 * @param recoveredUtc  when it was recovered
 * @param pointsKept    sweep points plus sequence repeats found intact in the journal
 * @param droppedBytes  bytes of a torn last record or of damaged stretches that were discarded (0 if none)
 * @param damage        what a damaged journal lost, in words (where, how much, what is missing), or null when the
 *                      journal held nothing but intact records and perhaps a torn last one
 */
public record RecoveryInfo(Instant recoveredUtc, long pointsKept, long droppedBytes, String damage) {

    public RecoveryInfo(Instant recoveredUtc, long pointsKept, long droppedBytes) {
        this(recoveredUtc, pointsKept, droppedBytes, null);
    }
}
