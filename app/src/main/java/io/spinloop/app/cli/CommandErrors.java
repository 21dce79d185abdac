package io.spinloop.app.cli;

import io.spinloop.app.config.LabConfigException;
import io.spinloop.twin.file.InvalidTwinFileException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * How a failed command reaches the person: one line naming what is at fault, no stack trace (set
 * {@code SPINLOOP_DEBUG=1} to see it). Exit code 2 for input that was refused before anything was touched (bad
 * lab-config, an output that would be overwritten, an argument out of range), 1 for failures while running.
 * Programming errors (a null, an index out of range, ...) keep their stack trace: that is what a bug report needs.
 */
public final class CommandErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        if (System.getenv("SPINLOOP_DEBUG") != null || isBug(e)) {
            e.printStackTrace(cl.getErr());
        }
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + describe(e));
        return refusedInput(e) ? 2 : 1;
    }

    static boolean isBug(Exception e) {
        return e instanceof NullPointerException || e instanceof IndexOutOfBoundsException
                || e instanceof ClassCastException || e instanceof UnsupportedOperationException;
    }

    static boolean refusedInput(Exception e) {
        return e instanceof LabConfigException || e instanceof FileAlreadyExistsException
                || e instanceof IllegalArgumentException || e instanceof InvalidTwinFileException;
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
