package io.spinloop.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import io.spinloop.app.SpinloopCommand;
import io.spinloop.training.run.ModelKind;
import io.spinloop.training.run.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * What a newcomer meets in the first minutes: the command line refuses with one line that names the command and
 * what was wrong (and where to look), names every command by its full path, spells the same thing the same way
 * in every command, and states every default.
 */
class CliConventionsTest {
    @TempDir
    Path dir;

    private static List<CommandLine> allCommands() {
        List<CommandLine> all = new ArrayList<>();
        collect(SpinloopCommand.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().forEach(c -> collect(c, into));
    }

    private static void assertOneLineRefusal(Cli.Result r, String command, String... names) {
        assertEquals(2, r.exit(), r.err());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(2, lines.size(), "a message and a hint, no usage dump: " + r.err());
        assertTrue(lines.get(0).startsWith(command + ": "), r.err());
        assertEquals("(see " + command + " --help)", lines.get(1));
        for (String n : names) {
            assertTrue(lines.get(0).contains(n), "names " + n + ": " + r.err());
        }
    }

    @Test
    void plainSpinloopAndAGroupWithoutItsCommandAreRefusedWithTheCommandsThere() {
        Cli.Result root = Cli.run();
        assertOneLineRefusal(root, "spinloop", "missing command", "measure", "twin", "demo");
        assertEquals("", root.out(), "nothing on stdout: nothing was done");
        assertOneLineRefusal(Cli.run("twin"), "spinloop twin", "missing command", "fit", "sample");
        // asking for help is not an error
        Cli.Result help = Cli.run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("Usage: spinloop"), help.out());
    }

    @Test
    void optionErrorsAreOneLineNamingTheCommandWithAHint() {
        assertOneLineRefusal(Cli.run("measure", "sweep", "--bogus", "1", "--out", dir.resolve("a.h5").toString()),
                "spinloop measure sweep", "Unknown option", "--bogus");
        assertOneLineRefusal(Cli.run("twin", "sample", "--drive", "1e-3"), "spinloop twin sample",
                "Missing required option", "--twin");
        assertOneLineRefusal(Cli.run("train", "--out", dir.resolve("r").toString(), "--epochs", "many"),
                "spinloop train", "--epochs", "many");
        assertOneLineRefusal(Cli.run("twin", "fit", "--data", "x.h5", "--out", "t.h5", "--epoch", "3"),
                "spinloop twin fit", "--epoch", "did you mean --epochs");
    }

    /** A command that refuses with a command line it built for itself ({@code new CommandLine(this)}) was "sample". */
    @Test
    void aRefusalFromInsideACommandNamesItsFullPath() {
        Cli.Result r = Cli.run("twin", "sample", "--twin", "t.h5", "--drive", "1e-3", "--repeats", "0");
        assertFalse(r.err().contains("Usage: sample"), r.err());
        // an option's value out of range is checked in the command (BadNumbersTest): one line, no hint
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("spinloop twin sample: --repeats"), r.err());
    }

    @Test
    void everyUsageNamesTheFullCommandPath() {
        for (CommandLine cl : allCommands()) {
            String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String name = cl.getCommandSpec().qualifiedName();
            assertTrue(usage.lines().anyMatch(l -> l.equals("Usage: " + name) || l.startsWith("Usage: " + name + " ")),
                    "usage of " + name + ": " + usage);
        }
        Cli.Result r = Cli.run("twin", "sample", "--help");
        assertTrue(r.out().startsWith("Usage: spinloop twin sample "), r.out());
    }

    @Test
    void oneNameAndOneLabelForTheSameThingInEveryCommand() {
        int configs = 0;
        for (CommandLine cl : allCommands()) {
            String name = cl.getCommandSpec().qualifiedName();
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (o.hidden()) {
                    continue;
                }
                assertFalse(List.of(o.names()).contains("--force"), name + ": --overwrite, not --force");
                if (List.of(o.names()).contains("--config")) {
                    configs++;
                    assertEquals("YAML", o.paramLabel(), name + " --config");
                }
                for (String n : o.names()) {
                    assertFalse(n.toLowerCase(Locale.ROOT).endsWith("-ma"), name + " " + n + ": currents are in A");
                }
            }
        }
        assertTrue(configs > 10, "every command with a bench takes --config: " + configs);
    }

    @Test
    void theOldNamesStillWorkAsHiddenAliases() {
        CommandLine cl = SpinloopCommand.commandLine();
        CommandLine fit = cl.getSubcommands().get("twin").getSubcommands().get("fit");
        cl.parseArgs("twin", "fit", "--data", "d.h5", "--out", "t.h5", "--force");
        assertEquals(Boolean.TRUE, fit.getCommandSpec().findOption("--overwrite").getValue());
        assertTrue(fit.getCommandSpec().findOption("--force").hidden());

        CommandLine emulate = cl.getSubcommands().get("twin").getSubcommands().get("emulate");
        cl.parseArgs("twin", "emulate", "--out", "e.h5", "--force");
        assertEquals(Boolean.TRUE, emulate.getCommandSpec().findOption("--overwrite").getValue());

        CommandLine bench = cl.getSubcommands().get("study").getSubcommands().get("bench-mode");
        cl.parseArgs("study", "bench-mode");
        assertEquals(2.5e-3, (double) bench.getCommandSpec().findOption("--max-current").getValue(), 0.0);
        cl.parseArgs("study", "bench-mode", "--max-current-ma", "2");
        assertEquals(2e-3, (double) bench.getCommandSpec().findOption("--max-current").getValue(), 1e-15,
                "the old option was in mA");
        cl.parseArgs("study", "bench-mode", "--max-current", "1.5e-3");
        assertEquals(1.5e-3, (double) bench.getCommandSpec().findOption("--max-current").getValue(), 0.0);
    }

    @Test
    void everyOptionWithADefaultStatesIt() {
        List<String> missing = new ArrayList<>();
        for (CommandLine cl : allCommands()) {
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (o.hidden() || o.usageHelp() || o.versionHelp() || o.defaultValue() == null) {
                    continue;
                }
                if (!String.join(" ", o.description()).contains("default")) {
                    missing.add(cl.getCommandSpec().qualifiedName() + " " + o.longestName());
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    /** train and tune take the model's defaults when an option is not given: their help states them, both models'. */
    @Test
    void trainAndTuneStateTheirDefaults() {
        TrainingConfig s = TrainingConfig.defaults(ModelKind.SPINTRONIC);
        TrainingConfig c = TrainingConfig.defaults(ModelKind.CTRNN);
        Map<String, Function<TrainingConfig, Object>> perModel = Map.ofEntries(
                Map.entry("--epochs", TrainingConfig::epochs), Map.entry("--seed", TrainingConfig::seed),
                Map.entry("--split-seed", TrainingConfig::splitSeed), Map.entry("--dt", TrainingConfig::dtNs),
                Map.entry("--tau", TrainingConfig::tauNs), Map.entry("--lr0", TrainingConfig::lr0),
                Map.entry("--decay", TrainingConfig::decay), Map.entry("--density-inter", TrainingConfig::densityInter),
                Map.entry("--density-intra", TrainingConfig::densityIntra),
                Map.entry("--amplification", TrainingConfig::amplification),
                Map.entry("--init-scale", TrainingConfig::initScale), Map.entry("--layers", TrainingConfig::layers),
                Map.entry("--neurons", TrainingConfig::neurons), Map.entry("--batch", TrainingConfig::batchSize),
                Map.entry("--integrator", t -> t.integrator().name().toLowerCase(Locale.ROOT)),
                Map.entry("--substeps", TrainingConfig::substeps), Map.entry("--threads", TrainingConfig::threads),
                Map.entry("--train-limit", TrainingConfig::trainLimit),
                Map.entry("--test-limit", TrainingConfig::testLimit),
                Map.entry("--weight-decay", t -> t.regularisation().weightDecay()),
                Map.entry("--input-noise", t -> t.regularisation().inputNoise()),
                Map.entry("--validation", t -> t.regularisation().validation()));
        CommandLine root = SpinloopCommand.commandLine();
        for (String command : List.of("train", "tune")) {
            CommandLine cl = root.getSubcommands().get(command);
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (o.hidden() || o.usageHelp() || o.versionHelp() || o.required() || o.arity().max() == 0) {
                    continue;
                }
                String d = String.join(" ", o.description());
                assertTrue(d.contains("(default: ") || d.contains("; default: "), command + " " + o.longestName()
                        + ": " + d);
                Function<TrainingConfig, Object> value = perModel.get(o.longestName());
                if (value == null) {
                    continue;
                }
                String sv = shown(value.apply(s));
                String cv = shown(value.apply(c));
                if (sv.equals(cv)) {
                    assertTrue(d.contains("default: " + sv + ")") || d.contains("default: " + sv + ","),
                            command + " " + o.longestName() + " says the default " + sv + ": " + d);
                } else {
                    assertTrue(d.contains("spintronic " + sv) && d.contains("ctrnn " + cv),
                            command + " " + o.longestName() + " says spintronic " + sv + ", ctrnn " + cv + ": " + d);
                }
            }
        }
    }

    private static String shown(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        return String.valueOf(v);
    }

    @Test
    void aPathUnderARegularFileIsRefusedNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "not a directory");
        Path out = file.resolve("b.h5");
        assertOneLineRefusal(Cli.run("measure", "sweep", "--out", out.toString()), "spinloop measure sweep",
                "--out " + out, file + " is a file, not a directory");
        assertOneLineRefusal(Cli.run("twin", "emulate", "--out", out.toString()), "spinloop twin emulate",
                file + " is a file, not a directory");
        assertOneLineRefusal(Cli.run("train", "--out", file.resolve("run").toString(), "--epochs", "1"),
                "spinloop train", file + " is a file, not a directory");
        assertOneLineRefusal(Cli.run("twin", "sample", "--twin", file.resolve("deeper/t.h5").toString(), "--drive",
                "1e-3"), "spinloop twin sample", "--twin", file + " is a file, not a directory");
        assertEquals("not a directory", Files.readString(file));
    }
}
