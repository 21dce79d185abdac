package io.spinloop.measurements;

/**
 * What to do when the output file of a run already exists.
 *
 * <p>Even with {@link #REPLACE} the old file stays untouched until a complete new file is ready: it is
 * replaced by one atomic rename, so a crash mid-run or mid-finalisation leaves the old file intact.
 */
public enum OverwritePolicy {
    /** Refuse to start a run (and refuse to publish one) whose output file already exists. */
    REFUSE,
    /** Replace an existing output file, atomically, once the new one is complete. */
    REPLACE
}
