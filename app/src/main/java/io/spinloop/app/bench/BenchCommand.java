package io.spinloop.app.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spinloop bench}: look at the bench a lab-config describes. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Check that the instruments of a lab-config answer and are what it says (check).",
        subcommands = {BenchCheckCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
