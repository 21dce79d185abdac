package io.spinloop.training.engine;

import io.spinloop.training.TrainingException;

/** A study task that failed for good (after the engine's retries); the message names its key. */
public class StudyFailedException extends TrainingException {
    public StudyFailedException(String key, Throwable cause) {
        super("study task " + key + " failed: " + (cause.getMessage() != null ? cause.getMessage() : cause.toString()), cause);
    }
}
