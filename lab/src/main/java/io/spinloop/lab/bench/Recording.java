package io.spinloop.lab.bench;

import java.nio.file.Path;

/**
 * Where a measurement run records, and what its file says made it.
 *
 * @param file            the HDF5 file to write
 * @param overwrite       replace {@code file} if it exists (atomically, once the new file is complete)
 * @param commandLine     the command as typed, for the file's provenance
 * @param softwareVersion the spinloop version, for the file's provenance
 */
public record Recording(Path file, boolean overwrite, String commandLine, String softwareVersion) {
}
