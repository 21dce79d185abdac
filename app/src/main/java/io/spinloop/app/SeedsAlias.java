package io.spinloop.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spinloop seeds …}: the old, hidden names of the commands of the papers' p(I) network and coupled macrospins,
 * kept so that scripts keep working. Each prints one line naming its new command on standard error and runs that
 * command with the same arguments: {@code seeds train} is {@code train}, {@code seeds spread} and {@code seeds table}
 * are {@code study spread} and {@code study coupling-table}, {@code seeds bench} is {@code study bench-mode} and
 * {@code seeds benchmark} is {@code benchmark models}.
 */
@Command(name = "seeds", hidden = true, mixinStandardHelpOptions = true,
        description = "Deprecated old names: seeds train, spread, table, bench and benchmark are now train, "
                + "study spread, study coupling-table, study bench-mode and benchmark models.",
        subcommands = {SeedsAlias.Train.class, SeedsAlias.Spread.class, SeedsAlias.Table.class, SeedsAlias.Bench.class,
            SeedsAlias.Benchmark.class})
final class SeedsAlias implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // Not reached: BeforeRun refuses a group without its command (exit 2, the commands named).
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /**
     * Makes every argument after an alias a positional one, options included, so that the alias hands them on
     * untouched (and {@code --help} reaches the new command).
     */
    static void passArgumentsOn(CommandLine seeds) {
        for (CommandLine alias : seeds.getSubcommands().values()) {
            alias.setUnmatchedOptionsArePositionalParams(true);
        }
    }

    /** An old name: says the new one on stderr, then runs it with the arguments given. */
    abstract static class Alias implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "ARGS", description = "the arguments of the new command")
        List<String> args = new ArrayList<>();

        /** The words of the new command after {@code spinloop}. */
        abstract List<String> now();

        @Override
        public Integer call() {
            CommandLine root = spec.root().commandLine();
            root.getErr().println(spec.qualifiedName() + " is now spinloop " + String.join(" ", now()));
            root.getErr().flush();
            List<String> line = new ArrayList<>(now());
            line.addAll(args);
            return root.execute(line.toArray(String[]::new));
        }
    }

    @Command(name = "train", description = "Deprecated: now spinloop train (--model power-curve or macrospin).")
    static final class Train extends Alias {
        @Override
        List<String> now() {
            return List.of("train");
        }
    }

    @Command(name = "spread", description = "Deprecated: now spinloop study spread.")
    static final class Spread extends Alias {
        @Override
        List<String> now() {
            return List.of("study", "spread");
        }
    }

    @Command(name = "table", description = "Deprecated: now spinloop study coupling-table.")
    static final class Table extends Alias {
        @Override
        List<String> now() {
            return List.of("study", "coupling-table");
        }
    }

    @Command(name = "bench", description = "Deprecated: now spinloop study bench-mode.")
    static final class Bench extends Alias {
        @Override
        List<String> now() {
            return List.of("study", "bench-mode");
        }
    }

    @Command(name = "benchmark", description = "Deprecated: now spinloop benchmark models.")
    static final class Benchmark extends Alias {
        @Override
        List<String> now() {
            return List.of("benchmark", "models");
        }
    }
}
