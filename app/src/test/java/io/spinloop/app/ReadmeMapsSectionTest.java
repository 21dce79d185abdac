package io.spinloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.MeasurementRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command of the README's "Maps, resume and run metadata" section, in order, as written ({@code runs/}
 * in a temporary folder). Before a {@code --resume} command, the same command without {@code --resume} is run as a
 * child process and SIGKILLed after its first progress line, which leaves what the README says it resumes. The
 * section's {@code benchmark refine} command takes minutes; {@code RefineBenchmarkCommandTest} runs it with one seed.
 */
class ReadmeMapsSectionTest {
    @TempDir
    Path dir;

    static List<String> sectionCommands() throws Exception {
        String readme = Files.readString(TestBenches.repoRoot().resolve("README.md"));
        int section = readme.indexOf("## Maps, resume and run metadata");
        assertTrue(section >= 0, "README section missing");
        int end = readme.indexOf("\n## ", section + 5);
        String text = readme.substring(section, end < 0 ? readme.length() : end);
        List<String> commands = new ArrayList<>();
        for (int at = text.indexOf("```bash"); at >= 0; at = text.indexOf("```bash", at + 7)) {
            int close = text.indexOf("```", at + 7);
            for (String line : text.substring(at + 7, close).split("\n")) {
                if (line.startsWith("./spinloop ")) {
                    commands.add(line.substring("./spinloop ".length()).trim());
                }
            }
            at = close;
        }
        return commands;
    }

    private String[] args(String command) {
        return Arrays.stream(command.split("\\s+")).map(a -> a.startsWith("lab-configs/")
                ? TestBenches.repoRoot().resolve(a).toString()
                : a.startsWith("runs/") ? dir.resolve(a).toString() : a).toArray(String[]::new);
    }

    @Test
    void everySectionCommandRuns() throws Exception {
        List<String> commands = sectionCommands();
        assertTrue(commands.size() >= 6, "section commands: " + commands);
        Files.createDirectories(dir.resolve("runs"));
        for (String command : commands) {
            if (command.startsWith("benchmark refine")) {
                continue;
            }
            String[] a = args(command);
            if (command.contains("--resume")) {
                interrupt(Arrays.stream(a).filter(x -> !x.equals("--resume")).toArray(String[]::new));
            }
            Cli.Result r = Cli.run(a);
            assertEquals(0, r.exit(), command + "\n" + r.out() + r.err());
        }
        assertTrue(MeasurementFile.open(dir.resolve("runs/map.h5")).maps().get(0).complete());
        assertEquals(1, MeasurementFile.open(dir.resolve("runs/map.h5")).interruptions().size());
        assertTrue(Files.exists(dir.resolve("runs/map-plots/map0-stno-a-threshold.png")));
    }

    /** Runs {@code args} in a child and SIGKILLs it after its first progress line: a journal is left. */
    private static void interrupt(String[] args) throws Exception {
        Path out = null;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[i + 1]);
            }
        }
        Files.deleteIfExists(out);
        try (ChildSpinloop child = ChildSpinloop.start(args)) {
            child.awaitLine(l -> l.matches(".*\\] \\d+/\\d+ .*"));
            child.process().destroyForcibly();
            child.process().waitFor(20, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(MeasurementRecorder.journalFor(out)) || Files.exists(out));
    }
}
