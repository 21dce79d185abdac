package io.spinloop.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Checks every command makes before it runs, so that none of them has to repeat them: a command group given
 * without its command ({@code spinloop}, {@code spinloop twin}) is refused (exit 2, the commands there are named)
 * rather than printing its help and exiting 0 as if something had been done; and a file or directory given as
 * {@code a/b.h5} where {@code a} is a regular file is refused naming {@code a}, before anything is opened (the
 * file systems' own answers, "does not exist" or "Not a directory", name the wrong thing).
 */
public final class BeforeRun implements IExecutionStrategy {
    private final IExecutionStrategy next;

    public BeforeRun(IExecutionStrategy next) {
        this.next = next;
    }

    @Override
    public int execute(ParseResult parsed) {
        ParseResult last = parsed;
        boolean help = false;
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            help |= p.isUsageHelpRequested() || p.isVersionHelpRequested();
            last = p;
        }
        if (!help) {
            CommandSpec spec = last.commandSpec();
            if (!spec.subcommands().isEmpty()) {
                throw new ParameterException(spec.commandLine(), "missing command: one of "
                        + String.join(", ", spec.subcommands().keySet()));
            }
            for (ParseResult p = parsed; p != null; p = p.subcommand()) {
                for (OptionSpec o : p.matchedOptions()) {
                    checkParents(p.commandSpec(), o, o.longestName());
                }
                for (ArgSpec a : p.matchedPositionals()) {
                    checkParents(p.commandSpec(), a, a.paramLabel());
                }
            }
        }
        return next.execute(parsed);
    }

    private static void checkParents(CommandSpec spec, ArgSpec arg, String name) {
        Object v = arg.getValue();
        Collection<?> values = v instanceof Collection<?> c ? c : v instanceof Object[] a ? List.of(a) : List.of(v == null ? "" : v);
        for (Object o : values) {
            if (o instanceof Path p) {
                String problem = fileInTheWay(p);
                if (problem != null) {
                    throw new ParameterException(spec.commandLine(), name + " " + p + ": " + problem);
                }
            }
        }
    }

    /**
     * "a is a file, not a directory" when the nearest existing ancestor of {@code p} is not a directory (so
     * {@code p} can neither exist nor be created), null otherwise.
     */
    public static String fileInTheWay(Path p) {
        for (Path a = p.getParent(); a != null; a = a.getParent()) {
            if (Files.exists(a)) {
                return Files.isDirectory(a) ? null : a + " is a file, not a directory";
            }
        }
        return null;
    }
}
