package io.spinloop.measurements;

import java.time.Instant;
import java.util.Objects;

/**
 * One interruption of a run that was resumed, stored under {@code /interruptions/<k>}.
 *
 * @param resumedUtc   when the run was resumed
 * @param pointsBefore how many points the file held when it was resumed (the index of the next point)
 * @param cause        why the run had stopped, as far as the file tells: a journal left by a killed process or a
 *                     power cut, or a run that ended early (Ctrl-C, SIGTERM, an instrument failure)
 */
public record Interruption(Instant resumedUtc, long pointsBefore, String cause) {
    public Interruption {
        Objects.requireNonNull(resumedUtc, "resumedUtc");
        Objects.requireNonNull(cause, "cause");
    }
}
