package io.spinloop.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.SpinloopCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.junit.jupiter.api.Test;

/**
 * An OutOfMemoryError that still happens (an estimate too low, a JVM with little heap) is one line naming the
 * command, with the way out, and exit code 1, instead of a stack trace (issue 12, item 9). Picocli hands only
 * Exceptions to the execution exception handler; an Error escapes {@code execute} unless the strategy catches it.
 */
class OutOfMemoryTest {

    /** Runs out of memory on the calling thread. */
    @Command(name = "hog")
    static final class Hog implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    /** Runs out of memory in a worker thread, as the fits and training do. */
    @Command(name = "pool-hog")
    static final class PoolHog implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            var pool = Executors.newSingleThreadExecutor();
            try {
                return pool.submit(() -> {
                    throw new OutOfMemoryError("Java heap space");
                }).get().hashCode();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static String[] run(CommandLine root, String... args) {
        StringWriter err = new StringWriter();
        root.setErr(new PrintWriter(err, true));
        int code;
        try {
            code = root.execute(args);
        } catch (OutOfMemoryError e) {
            throw new AssertionError("the Error escaped the command line", e);
        }
        return new String[] {String.valueOf(code), err.toString()};
    }

    @Test
    void outOfMemoryIsOneLineWithExitCodeOne() {
        for (Object hog : new Object[] {new Hog(), new PoolHog()}) {
            CommandLine root = SpinloopCommand.commandLine();
            String name = hog instanceof Hog ? "hog" : "pool-hog";
            root.addSubcommand(name, hog);
            String[] r = run(root, name);
            String err = r[1].strip();
            assertEquals("1", r[0], err);
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.startsWith("spinloop " + name + ": out of memory (Java heap space, the JVM has "), err);
            assertTrue(err.contains("raise -Xmx via SPINLOOP_JAVA_OPTS"), err);
            assertFalse(err.contains("\tat "), err);
        }
    }

    @Test
    void picocliAloneLetsTheErrorEscape() {
        CommandLine bare = new CommandLine(new Hog());
        bare.setExecutionExceptionHandler(new CommandErrors());
        assertThrows(OutOfMemoryError.class, () -> bare.execute());
    }

    @Test
    void wrappedErrorsAreFound() {
        OutOfMemoryError oom = new OutOfMemoryError("x");
        assertEquals(oom, CommandErrors.outOfMemory(new ExecutionException(new RuntimeException(oom))));
        assertEquals(null, CommandErrors.outOfMemory(new RuntimeException("no")));
    }
}
