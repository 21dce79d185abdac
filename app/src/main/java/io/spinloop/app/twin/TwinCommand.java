package io.spinloop.app.twin;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spinloop twin}: fit stochastic digital twins to measured sequences, judge them, sample them. */
@Command(name = "twin",
        mixinStandardHelpOptions = true,
        description = "Fit, check and sample stochastic digital twins of STNOs (neural SDEs and physics models).",
        subcommands = {TwinFitCommand.class, TwinCheckCommand.class, TwinSampleCommand.class, TwinSysIdCommand.class,
            TwinEmulateCommand.class})
public final class TwinCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
