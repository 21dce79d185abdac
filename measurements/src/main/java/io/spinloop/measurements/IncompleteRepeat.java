package io.spinloop.measurements;

/**
 * A recorded repeat of a drive sequence whose other repeats were never recorded (the run stopped first).
 * Kept apart from the rectangular {@code /sequences} arrays so that those hold only complete sequences.
 *
 * @param sequenceIndex the runner's index of the sequence
 * @param repeatIndex   which repeat of it this is
 * @param driveA        (T) drive current
 * @param powerW        (T) measured power
 * @param timestampS    seconds since the run was created, when the repeat was recorded
 */
public record IncompleteRepeat(int sequenceIndex, int repeatIndex, double[] driveA, double[] powerW, double timestampS) {
}
