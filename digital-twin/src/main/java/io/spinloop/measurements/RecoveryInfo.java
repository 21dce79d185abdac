package io.spinloop.measurements;

import java.time.Instant;

/**
 * What a file says about its recovery from the journal of an interrupted run.
 *
 * @param recoveredUtc  when it was recovered
 * @param pointsKept    sweep points plus sequence repeats found intact in the journal
 * @param droppedBytes  bytes of a torn or corrupt journal tail that were discarded (0 if none)
 */
public record RecoveryInfo(Instant recoveredUtc, long pointsKept, long droppedBytes) {
}
