package io.spinloop.training.engine;

import io.spinloop.training.TrainingException;

/** {@code --engine NAME} asked for an engine whose jar is not on the class path (or that does not exist). */
public class EngineUnavailableException extends TrainingException {
    public EngineUnavailableException(String message) {
        super(message);
    }
}
