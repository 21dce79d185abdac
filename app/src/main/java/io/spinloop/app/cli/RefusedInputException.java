package io.spinloop.app.cli;

/**
 * A command's input refused before the command touched anything (no file written, no instrument sent a command): an
 * option out of its range or a budget, options that contradict each other, a file given on the command line that is
 * not what the option wants. The message names the option and value, or the option and file; {@link CommandErrors}
 * prints it as one line with exit code 2.
 *
 * <p>It is an {@link IllegalArgumentException}, as a refused argument is, but the converse does not hold: an
 * {@code IllegalArgumentException} from inside a run (a bad intermediate value, a bug) is a failure of the run, exit
 * code 1. So a check made before the run throws this type.
 */
public class RefusedInputException extends IllegalArgumentException {
    public RefusedInputException(String message) {
        super(message);
    }

    public RefusedInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
