package io.spinloop.twin;

/**
 * Root of the exceptions the digital-twin module defines: a twin file that cannot be read as one
 * ({@link io.spinloop.twin.file.InvalidTwinFileException}) and fit settings out of range
 * ({@link io.spinloop.twin.fit.FitOptions.Invalid}). Unchecked, like every module's root; messages name the file and
 * dataset, or the setting, at fault. A disk failure stays a {@link java.io.IOException}.
 */
public class TwinException extends RuntimeException {
    public TwinException(String message) {
        super(message);
    }

    public TwinException(String message, Throwable cause) {
        super(message, cause);
    }
}
