package io.spinloop.drivers.scpi;

import io.spinloop.drivers.InstrumentException;
import java.util.List;

/**
 * The instrument put errors in its queue ({@code SYST:ERR?}) after a command. The message names the
 * instrument, the command and every error drained, e.g.
 * {@code smu1 (tcp://127.0.0.1:5025): ':SOUR:CURR 2' caused -222,"Data out of range"}.
 */
public class InstrumentErrorException extends InstrumentException {
    private final String command;
    private final transient List<ErrorEntry> errors;

    public InstrumentErrorException(String instrument, String command, List<ErrorEntry> errors) {
        super(instrument + ": '" + command + "' caused " + join(errors));
        this.command = command;
        this.errors = List.copyOf(errors);
    }

    private static String join(List<ErrorEntry> errors) {
        StringBuilder sb = new StringBuilder();
        for (ErrorEntry e : errors) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e);
        }
        return sb.toString();
    }

    /** The command after which the errors were found. */
    public String command() {
        return command;
    }

    /** The errors drained from the queue, oldest first. */
    public List<ErrorEntry> errors() {
        return errors;
    }

    /** The first (oldest) error code. */
    public int code() {
        return errors.get(0).code();
    }
}
