package io.spinloop.app.chip;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spinloop study}: the chip studies, each one command whose output the README quotes. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Studies on the (emulated) chip: transfer of twin-trained weights, chip-in-the-loop recovery.",
        subcommands = {TransferStudyCommand.class, ChipRecoveryCommand.class})
public final class StudyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
