package io.spinloop.app.train;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spinloop seeds}: the networks of seeds 003 (p(I)) and 002 (coupled macrospins), their studies and benchmark. */
@Command(name = "seeds", mixinStandardHelpOptions = true,
        description = "Networks of seeds 003 (p(I) dynamical network) and 002 (coupled macrospin STOs): training, studies, bench mode.",
        subcommands = {SeedTrainCommand.class, SpreadStudyCommand.class, CouplingTableCommand.class,
            SeedBenchmarkCommand.class, BenchModeCommand.class})
public final class SeedsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
