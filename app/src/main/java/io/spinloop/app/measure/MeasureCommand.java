package io.spinloop.app.measure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spinloop measure}: characterise oscillators and record what a twin learns from. */
@Command(name = "measure", mixinStandardHelpOptions = true,
        description = "Measure devices into crash-safe HDF5 files: current sweeps of the spectrum (sweep) and drive "
                + "sequences in zero span (sequences), 2-D maps (map).",
        subcommands = {MeasureSweepCommand.class, MeasureSequencesCommand.class, MeasureMapCommand.class})
public final class MeasureCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
