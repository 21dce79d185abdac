package io.spinloop.emulator.scpi;

/** What an instrument does when a program message unit names one of its headers. */
@FunctionalInterface
public interface Command {
    /**
     * Executes the unit.
     *
     * @throws ScpiException to queue an error; a query that throws leaves no reply
     */
    void execute(Call call);
}
