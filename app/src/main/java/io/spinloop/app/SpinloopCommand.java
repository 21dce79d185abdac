package io.spinloop.app;

import io.spinloop.app.bench.BenchCommand;
import io.spinloop.app.bench.EmulatorCommand;
import io.spinloop.app.benchmark.BenchmarkCommand;
import io.spinloop.app.benchmark.MeasureBenchmarkCommand;
import io.spinloop.app.chip.ChipBenchmarkCommand;
import io.spinloop.app.chip.CalibrateCommand;
import io.spinloop.app.chip.ChipDigitsStudyCommand;
import io.spinloop.app.chip.ChipRecoveryCommand;
import io.spinloop.app.chip.ChipTrainCommand;
import io.spinloop.app.chip.DeployCommand;
import io.spinloop.app.chip.TrainOnTwinCommand;
import io.spinloop.app.chip.TransferStudyCommand;
import io.spinloop.app.cli.BeforeRun;
import io.spinloop.app.cli.CommandErrors;
import io.spinloop.app.cli.OptionChecks;
import io.spinloop.app.cli.OptionErrors;
import io.spinloop.app.demo.DemoCommand;
import io.spinloop.app.data.DataCommand;
import io.spinloop.app.field.FieldCommand;
import io.spinloop.app.measure.MeasureCommand;
import io.spinloop.app.plot.PlotCommand;
import io.spinloop.app.train.ModelsBenchmarkCommand;
import io.spinloop.app.train.StudyCommand;
import io.spinloop.app.train.TrainBenchmarkCommand;
import io.spinloop.app.train.TrainCommand;
import io.spinloop.app.train.TuneCommand;
import io.spinloop.app.twin.TwinCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root {@code spinloop} command. Each subcommand lives in its own class and is registered here,
 * so that {@code spinloop --help} is the index of everything the tool does.
 */
@Command(
        name = "spinloop",
        mixinStandardHelpOptions = true,
        versionProvider = SpinloopVersion.class,
        description = "Hardware-in-the-loop control and training of spin-torque nano-oscillators.",
        subcommands = {
            CommandLine.HelpCommand.class,
            BenchCommand.class,
            EmulatorCommand.class,
            MeasureCommand.class,
            FieldCommand.class,
            DataCommand.class,
            PlotCommand.class,
            TwinCommand.class,
            BenchmarkCommand.class,
            TrainCommand.class,
            TuneCommand.class,
            StudyCommand.class,
            SeedsAlias.class,
            DemoCommand.class,
            CalibrateCommand.class,
            TrainOnTwinCommand.class,
            DeployCommand.class,
            ChipTrainCommand.class,
        })
public final class SpinloopCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The configured command line, shared by {@link Main} and the tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SpinloopCommand());
        // `benchmark` is shared by several areas; the measurement benchmark joins it wherever it is defined.
        CommandLine benchmark = cl.getSubcommands().get("benchmark");
        if (benchmark != null && !benchmark.getSubcommands().containsKey("measure")) {
            benchmark.addSubcommand("measure", new MeasureBenchmarkCommand());
        }
        if (benchmark != null && !benchmark.getSubcommands().containsKey("train")) {
            benchmark.addSubcommand("train", new TrainBenchmarkCommand());
        }
        if (benchmark != null && !benchmark.getSubcommands().containsKey("chip")) {
            benchmark.addSubcommand("chip", new ChipBenchmarkCommand());
        }
        if (benchmark != null && !benchmark.getSubcommands().containsKey("models")) {
            benchmark.addSubcommand("models", new ModelsBenchmarkCommand());
        }
        // `study` is shared too: the chip studies join it.
        CommandLine study = cl.getSubcommands().get("study");
        if (study != null && !study.getSubcommands().containsKey("transfer")) {
            study.addSubcommand("transfer", new TransferStudyCommand());
            study.addSubcommand("chip-recovery", new ChipRecoveryCommand());
            study.addSubcommand("chip-digits", new ChipDigitsStudyCommand());
        }
        // Both settings reach the subcommands registered so far, so they come last.
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new CommandErrors());
        cl.setParameterExceptionHandler(new OptionErrors(cl));
        cl.setExecutionStrategy(CommandErrors.outOfMemoryAsOneLine(
                OptionChecks.finiteFirst(new BeforeRun(new CommandLine.RunLast()))));
        SeedsAlias.passArgumentsOn(cl.getSubcommands().get("seeds"));
        return cl;
    }

    @Override
    public void run() {
        // Not reached: BeforeRun refuses a command line without a command (exit 2, the commands named).
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
