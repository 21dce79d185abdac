package io.spinloop.app.cli;

import io.spinloop.lab.config.LabConfigException;
import io.spinloop.lab.config.Limits;
import io.spinloop.twin.file.InvalidTwinFileException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * How a failed command reaches the person: one line naming what is at fault, no stack trace (set
 * {@code SPINLOOP_DEBUG=1} to see it). Exit code 2 for input that was refused before anything was touched (bad
 * lab-config, an output that would be overwritten, an argument out of range), 1 for failures while running.
 * Programming errors (a null, an index out of range, ...) keep their stack trace: that is what a bug report needs.
 * Running out of memory is one line with exit code 1 too: the run asked for more than the JVM has.
 */
public final class CommandErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        OutOfMemoryError oom = outOfMemory(e);
        if (System.getenv("SPINLOOP_DEBUG") != null || (isBug(e) && oom == null)) {
            e.printStackTrace(cl.getErr());
        }
        if (oom != null) {
            cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": out of memory (" + oom.getMessage()
                    + ", the JVM has " + Limits.bytes(Runtime.getRuntime().maxMemory()) + "): raise -Xmx via "
                    + "SPINLOOP_JAVA_OPTS or reduce the sizes of the run");
            return 1;
        }
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + describe(e));
        return refusedInput(e) ? 2 : 1;
    }

    /**
     * Runs commands through {@code next}, handing an {@link OutOfMemoryError} to the execution exception handler
     * like an exception: picocli passes only Exceptions there and lets Errors escape with a stack trace.
     */
    public static IExecutionStrategy outOfMemoryAsOneLine(IExecutionStrategy next) {
        return parseResult -> {
            try {
                return next.execute(parseResult);
            } catch (OutOfMemoryError e) {
                List<CommandLine> commands = parseResult.asCommandLineList();
                throw new CommandLine.ExecutionException(commands.get(commands.size() - 1), "out of memory", e);
            }
        };
    }

    /** The OutOfMemoryError behind {@code e} (also one thrown in a worker thread and wrapped), or null. */
    static OutOfMemoryError outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    static boolean isBug(Exception e) {
        return e instanceof NullPointerException || e instanceof IndexOutOfBoundsException
                || e instanceof ClassCastException || e instanceof UnsupportedOperationException;
    }

    static boolean refusedInput(Exception e) {
        return e instanceof LabConfigException || e instanceof FileAlreadyExistsException
                || e instanceof IllegalArgumentException || e instanceof InvalidTwinFileException
                // another run holds an instrument: refused before anything was sent to it
                || e instanceof io.spinloop.drivers.bench.InstrumentInUseException;
    }

    static String describe(Exception e) {
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : "already exists");
        }
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file";
        }
        String m = e.getMessage();
        return m != null ? m : e.getClass().getSimpleName();
    }
}
