package io.spinloop.app.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a refused command line reaches the person: one line {@code spinloop <cmd>: <what was wrong>} and one line
 * {@code (see spinloop <cmd> --help)}, exit code 2, instead of picocli's message followed by the whole usage help
 * (which pushes the message off the screen). Set {@code SPINLOOP_DEBUG=1} for the stack trace.
 */
public final class OptionErrors implements IParameterExceptionHandler {
    private final CommandLine root;

    public OptionErrors(CommandLine root) {
        this.root = root;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = attached(ex.getCommandLine());
        PrintWriter err = cl.getErr();
        if (System.getenv("SPINLOOP_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        String name = cl.getCommandSpec().qualifiedName();
        err.println(name + ": " + describe(ex));
        err.println("(see " + name + " --help)");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    static String describe(ParameterException ex) {
        String m = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        // picocli's own messages can span lines ("Error: ...\n..."); one line is what a terminal shows.
        m = String.join("; ", m.strip().lines().map(String::strip).filter(s -> !s.isEmpty()).toList());
        if (ex instanceof UnmatchedArgumentException u && u.isUnknownOption()) {
            List<String> s = u.getSuggestions();
            if (!s.isEmpty()) {
                m += "; did you mean " + String.join(" or ", s.subList(0, Math.min(3, s.size()))) + "?";
            }
        }
        return m;
    }

    /**
     * The command line of the tree that runs {@code cl}'s command. A command that builds its own
     * {@code new CommandLine(this)} to throw a {@link ParameterException} detaches it from its parents, and its
     * name would read {@code sample} instead of {@code spinloop twin sample}.
     */
    CommandLine attached(CommandLine cl) {
        if (cl == null) {
            return root;
        }
        if (cl.getParent() != null || cl == root) {
            return cl;
        }
        CommandLine found = find(root, cl.getCommand());
        return found != null ? found : cl;
    }

    private static CommandLine find(CommandLine at, Object command) {
        if (at.getCommand() == command) {
            return at;
        }
        for (CommandLine sub : at.getSubcommands().values()) {
            CommandLine f = find(sub, command);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
