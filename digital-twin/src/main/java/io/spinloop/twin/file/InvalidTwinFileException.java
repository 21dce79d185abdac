package io.spinloop.twin.file;

import java.io.IOException;
import java.nio.file.Path;

/** A twin file that cannot be read as one; the message names the file and the dataset or attribute at fault. */
public final class InvalidTwinFileException extends IOException {
    public InvalidTwinFileException(Path file, String where, String problem) {
        this(file, where, problem, null);
    }

    public InvalidTwinFileException(Path file, String where, String problem, Throwable cause) {
        super(file + (where == null ? "" : ": " + where) + ": " + problem, cause);
    }
}
