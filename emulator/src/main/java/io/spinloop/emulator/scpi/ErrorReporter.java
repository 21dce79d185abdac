package io.spinloop.emulator.scpi;

/** Where the interpreter reports the errors of a message: the instrument's error queue and status registers. */
@FunctionalInterface
public interface ErrorReporter {
    void report(int code, String text);
}
