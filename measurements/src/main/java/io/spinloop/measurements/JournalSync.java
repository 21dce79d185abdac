package io.spinloop.measurements;

/**
 * How hard the journal pushes each record to stable storage.
 *
 * <p>Every record is handed to the kernel by one {@code write} call, so it survives the death of the
 * measuring process (SIGKILL, an uncaught error, an out-of-memory kill) either way. Only a power cut or a
 * kernel crash can lose records that the kernel had not yet written to the disk; {@link #EVERY_RECORD}
 * closes that window at the cost of one {@code fdatasync} per point (see the HDF5 benchmark for the price).
 */
public enum JournalSync {
    /** Leave records in the page cache: survives a killed process, not a power cut. */
    NONE,
    /** {@code force()} after every record: survives a power cut, costs one disk flush per point. */
    EVERY_RECORD
}
