package io.spinloop.emulator.scpi;

import io.spinloop.emulator.EmulatorException;

/**
 * An error that an emulated instrument reports through its error queue. Thrown by the parser and by command
 * handlers; the interpreter catches it, queues {@code code,"text"} and sets the matching event-status bit.
 * Stack traces are not filled in: these are expected, frequent and cheap.
 */
public final class ScpiException extends EmulatorException {
    private final int code;
    private final String text;

    public ScpiException(int code, String text) {
        super(code + ",\"" + text + "\"", null, false, false);
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }
}
