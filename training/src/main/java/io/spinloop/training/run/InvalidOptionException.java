package io.spinloop.training.run;

import io.spinloop.training.TrainingException;

/**
 * A training setting outside its domain, naming the command-line option and the offending value; a command refuses
 * its options with it before anything is written.
 */
public final class InvalidOptionException extends TrainingException {
    private final String option;
    private final String value;

    public InvalidOptionException(String option, String value, String reason) {
        super("invalid value '" + value + "' for option '" + option + "': " + reason);
        this.option = option;
        this.value = value;
    }

    public String option() {
        return option;
    }

    public String value() {
        return value;
    }
}
