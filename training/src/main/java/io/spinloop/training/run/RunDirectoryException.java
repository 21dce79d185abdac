package io.spinloop.training.run;

import io.spinloop.training.TrainingException;

/**
 * The run directory given cannot take this run, found before anything is written to it: it holds a run with other
 * settings, or a config or checkpoint that cannot be read to resume. The message names the directory or file.
 */
public final class RunDirectoryException extends TrainingException {
    public RunDirectoryException(String message) {
        super(message);
    }

    public RunDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
