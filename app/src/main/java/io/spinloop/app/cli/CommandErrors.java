package io.spinloop.app.cli;

import io.spinloop.app.config.LabConfigException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * How a failed lab-session command reaches the person: one line naming what is at fault, no stack trace
 * (set {@code SPINLOOP_DEBUG=1} to see it). Exit code 2 for input that was refused before anything was
 * touched (bad lab-config, an output that would be overwritten), 1 for failures while running. Commands of
 * other areas keep picocli's default (stack trace, exit code 1).
 */
public final class CommandErrors implements IExecutionExceptionHandler {
    private static final String[] LAB_SESSION_PACKAGES = {"io.spinloop.app.bench.", "io.spinloop.app.measure.",
        "io.spinloop.app.data.", "io.spinloop.app.plot.", "io.spinloop.app.benchmark.MeasureBenchmarkCommand"};

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        String command = cl.getCommand().getClass().getName();
        boolean ours = false;
        for (String p : LAB_SESSION_PACKAGES) {
            ours |= command.startsWith(p);
        }
        if (!ours) {
            e.printStackTrace(cl.getErr());
            return cl.getCommandSpec().exitCodeOnExecutionException();
        }
        if (System.getenv("SPINLOOP_DEBUG") != null) {
            e.printStackTrace(cl.getErr());
        }
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + describe(e));
        return refusedInput(e) ? 2 : 1;
    }

    static boolean refusedInput(Exception e) {
        return e instanceof LabConfigException || e instanceof FileAlreadyExistsException;
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
