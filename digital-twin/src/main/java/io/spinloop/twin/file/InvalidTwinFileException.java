package io.spinloop.twin.file;

import io.spinloop.twin.TwinException;
import java.nio.file.Path;

/**
 * A twin file that cannot be read as one; the message names the file and the dataset or attribute at fault.
 * Unchecked (a {@link TwinException}): a command that was given the file refuses it.
 */
public final class InvalidTwinFileException extends TwinException {
    private final transient Path file;

    public InvalidTwinFileException(Path file, String where, String problem) {
        this(file, where, problem, null);
    }

    public InvalidTwinFileException(Path file, String where, String problem, Throwable cause) {
        super(file + (where == null ? "" : ": " + where) + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
