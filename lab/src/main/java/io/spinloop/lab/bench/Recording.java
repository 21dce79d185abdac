package io.spinloop.lab.bench;

import java.nio.file.Path;

/**
 * Where a measurement run records, and what its file says made it.
 *
 * @param file            the HDF5 file to write
 * @param overwrite       replace {@code file} if it exists (atomically, once the new file is complete)
 * @param commandLine     the command as typed, for the file's provenance
 * @param softwareVersion the spinloop version, for the file's provenance
 * @param labels          sample, operator, tags and comment given on the command line
 * @param resume          continue the interrupted run in {@code file} instead of starting a new one
 */
public record Recording(Path file, boolean overwrite, String commandLine, String softwareVersion, RunLabels labels,
                        boolean resume) {

    public Recording {
        labels = labels == null ? RunLabels.NONE : labels;
    }

    /** A new run with no labels. */
    public Recording(Path file, boolean overwrite, String commandLine, String softwareVersion) {
        this(file, overwrite, commandLine, softwareVersion, RunLabels.NONE, false);
    }

    /** The same recording as a new run (for a resume that finds nothing was ever recorded). */
    public Recording asNewRun() {
        return new Recording(file, false, commandLine, softwareVersion, labels, false);
    }
}
