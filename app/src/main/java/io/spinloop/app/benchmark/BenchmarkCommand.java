package io.spinloop.app.benchmark;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spinloop benchmark}: timings of the layers, each a subcommand, reported as medians of several runs. */
@Command(name = "benchmark",
        mixinStandardHelpOptions = true,
        description = "Measure how fast the layers of spinloop are (medians of several runs).",
        subcommands = {ScpiBenchmark.class, Hdf5BenchmarkCommand.class, TwinBenchmarkCommand.class,
            RefineBenchmarkCommand.class})
public final class BenchmarkCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
