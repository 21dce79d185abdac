package io.spinloop.measurements;

/**
 * Root of the exceptions the measurement store defines; today the one it throws of its own is
 * {@link InvalidMeasurementFileException}, a file or journal that is not what the layout promises. Unchecked, like
 * every module's root. A disk or file-system failure stays a {@link java.io.IOException} (a file that is missing, a
 * write that failed, a journal locked by another process): that is I/O, not the store's own verdict.
 */
public class MeasurementException extends RuntimeException {
    public MeasurementException(String message) {
        super(message);
    }

    public MeasurementException(String message, Throwable cause) {
        super(message, cause);
    }
}
