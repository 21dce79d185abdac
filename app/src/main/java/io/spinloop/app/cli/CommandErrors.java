package io.spinloop.app.cli;

import io.spinloop.drivers.bench.InstrumentInUseException;
import io.spinloop.lab.RunRefusedException;
import io.spinloop.lab.RunStoppedException;
import io.spinloop.lab.config.LabConfigException;
import io.spinloop.lab.config.Limits;
import io.spinloop.measurements.InvalidMeasurementFileException;
import io.spinloop.training.run.InvalidOptionException;
import io.spinloop.training.engine.EngineUnavailableException;
import io.spinloop.training.run.RunDirectoryException;
import io.spinloop.twin.file.InvalidTwinFileException;
import io.spinloop.twin.fit.FitOptions;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParseResult;

/**
 * How a failed command reaches the person: one line naming what is at fault, no stack trace (set
 * {@code SPINLOOP_DEBUG=1} to see it), and an exit code that says what happened (the README's "Exit codes"):
 * <ul>
 *   <li>2, refused before anything was touched: one of the {@link #REFUSALS} (an option or a file given on the
 *       command line, a lab-config, an output that would be overwritten, an instrument another run holds), or an
 *       input file named on the command line that does not exist. Command-line syntax is refused with 2 by
 *       {@link OptionErrors}.</li>
 *   <li>1, failed during the run: everything else, an {@link IllegalArgumentException} from inside the run included
 *       (a bad intermediate value or a bug is not a refusal of the person's input).</li>
 * </ul>
 * 130, stopped on request: a {@link RunStoppedException} (Ctrl-C or the live view's Stop, between two steps).
 * A check that ran and did not pass (3) is not an exception: the command returns it. Programming errors (a null, an
 * index out of range, ...) keep their stack trace: that is what a bug report needs. Running out of memory is one
 * line with exit code 1 too: the run asked for more than the JVM has.
 */
public final class CommandErrors implements IExecutionExceptionHandler {
    /** The exit code of a run stopped on request (Ctrl-C, SIGTERM, the live view's Stop), as for an interrupt. */
    public static final int INTERRUPTED = 130;

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
        if (e instanceof RunStoppedException) {
            // Ctrl-C or the live view's Stop between two steps: the bench was made safe on the way out
            cl.getErr().println("spinloop: " + e.getMessage() + "; the sources are at 0 A with their outputs off "
                    + "where a bench was used, and only finished files were written");
            return INTERRUPTED;
        }
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + describe(e));
        return refusedInput(e, parsed) ? 2 : 1;
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

    /**
     * What each module throws when it refuses input before anything is touched; the message names the option, file,
     * field or instrument. Anything else thrown by a command is a failure during its run.
     */
    static final List<Class<? extends Exception>> REFUSALS = List.of(
            RefusedInputException.class,           // app: an option or a file given on the command line
            LabConfigException.class,              // lab: a lab-config, with file, line and field
            RunRefusedException.class,             // lab: a run that does not fit the instruments that answered
            FileAlreadyExistsException.class,      // an output that would be overwritten
            InstrumentInUseException.class,        // drivers: another run holds the instrument; nothing was sent to it
            InvalidMeasurementFileException.class, // measurements: an input file that is not a measurement file
            InvalidTwinFileException.class,        // digital-twin: an input file that is not a twin file
            FitOptions.Invalid.class,              // digital-twin: fit settings out of range
            InvalidOptionException.class,          // training: a setting outside its domain
            RunDirectoryException.class,           // training: a run directory that cannot take this run
            EngineUnavailableException.class);     // training: --engine names an engine whose jar is absent

    static boolean refusedInput(Exception e, ParseResult parsed) {
        for (Class<? extends Exception> c : REFUSALS) {
            if (c.isInstance(e)) {
                return true;
            }
        }
        // A file named on the command line that is not there: refused, not a failure of a run that never started.
        return e instanceof NoSuchFileException f && f.getFile() != null && givenOnTheCommandLine(Path.of(f.getFile()),
                parsed);
    }

    /** Whether {@code file} is a path the person gave, as an option's value or a positional argument. */
    static boolean givenOnTheCommandLine(Path file, ParseResult parsed) {
        Path wanted = file.toAbsolutePath().normalize();
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            List<ArgSpec> args = new ArrayList<>(p.matchedOptions());
            args.addAll(p.matchedPositionals());
            for (ArgSpec a : args) {
                Object v = a.getValue();
                Collection<?> values = v instanceof Collection<?> c ? c : v instanceof Object[] arr ? List.of(arr)
                        : v == null ? List.of() : List.of(v);
                for (Object o : values) {
                    if (o instanceof Path given && given.toAbsolutePath().normalize().equals(wanted)) {
                        return true;
                    }
                }
            }
        }
        return false;
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
