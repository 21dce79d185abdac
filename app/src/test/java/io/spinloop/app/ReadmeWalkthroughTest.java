package io.spinloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.measurements.MeasurementRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command of the README's "Lab session walkthrough", in order, as written (paths under
 * {@code lab-configs/} point at the repository's, {@code runs/} at a temporary folder).
 */
class ReadmeWalkthroughTest {
    @TempDir
    Path dir;

    static List<String> walkthroughCommands() throws Exception {
        String readme = Files.readString(TestBenches.repoRoot().resolve("README.md"));
        int section = readme.indexOf("## Lab session walkthrough");
        int start = readme.indexOf("```bash", section);
        int end = readme.indexOf("```", start + 7);
        List<String> commands = new ArrayList<>();
        for (String line : readme.substring(start + 7, end).split("\n")) {
            if (line.startsWith("./spinloop ")) {
                commands.add(line.substring("./spinloop ".length()).trim());
            }
        }
        return commands;
    }

    private String[] args(String command) {
        return Arrays.stream(command.split("\\s+")).map(a -> a.startsWith("lab-configs/")
                ? TestBenches.repoRoot().resolve(a).toString()
                : a.startsWith("runs/") ? dir.resolve(a).toString() : a).toArray(String[]::new);
    }

    @Test
    void everyWalkthroughCommandRuns() throws Exception {
        List<String> commands = walkthroughCommands();
        assertTrue(commands.size() >= 9, "walkthrough found: " + commands);
        Files.createDirectories(dir.resolve("runs"));
        for (String command : commands) {
            String[] a = args(command);
            if (command.startsWith("emulator serve")) {
                serve(a);
            } else {
                if (command.startsWith("data recover")) {
                    interruptedRunAt(Path.of(a[2]));
                }
                Cli.Result r = Cli.run(a);
                assertEquals(0, r.exit(), command + "\n" + r.out() + r.err());
            }
        }
        assertTrue(Files.exists(dir.resolve("runs/plots/sweep0-stno-a-power.png")));
        assertTrue(Files.exists(dir.resolve("runs/plots/sequence0-stno-a.png")));
    }

    /** Leaves behind what a killed run leaves: the journal of a sweep SIGKILLed mid-run, and no file. */
    private static void interruptedRunAt(Path out) throws Exception {
        Files.deleteIfExists(out);
        try (ChildSpinloop child = ChildSpinloop.start("measure", "sweep", "--config",
                TestBenches.defaultBench().toString(), "--out", out.toString(), "--from", "0", "--to", "3e-3", "--step",
                "1e-5")) {
            child.awaitLine(l -> l.contains("] 30/301"));
            child.process().destroyForcibly();
            child.process().waitFor(20, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(MeasurementRecorder.journalFor(out)));
    }

    /**
     * {@code emulator serve} in a real process (it runs until interrupted). The README's ports 5025/5026 may be
     * taken on a shared machine, so the test serves the same bench on free ports, then checks it from another
     * "program": a real-bench config pointing at the printed addresses, through {@code bench check}.
     */
    private void serve(String[] a) throws Exception {
        String text = Files.readString(Path.of(a[3])).replaceAll("tcp://127\\.0\\.0\\.1:50\\d\\d", "tcp://127.0.0.1:0");
        Path cfg = TestBenches.write(dir, "serve.yaml", text);
        try (ChildSpinloop child = ChildSpinloop.start("emulator", "serve", "--config", cfg.toString())) {
            child.awaitLine(l -> l.contains("serving; Ctrl-C to stop"));
            Matcher smu = Pattern.compile("(?i)smu-a\\s+keithley.*2400\\s+tcp://127\\.0\\.0\\.1:(\\d+)").matcher(child.log());
            Matcher sa = Pattern.compile("(?i)sa-a\\s+keysight.*n9030b\\s+tcp://127\\.0\\.0\\.1:(\\d+)").matcher(child.log());
            assertTrue(smu.find() && sa.find(), child.log());
            String real = """
                    bench: served
                    instruments:
                      - {name: smu-a, role: source, model: keithley-2400, resource: "tcp://127.0.0.1:%s"}
                      - {name: sa-a, role: analyzer, model: auto, resource: "tcp://127.0.0.1:%s"}
                    devices:
                      - id: stno-a
                        source: smu-a
                        analyzer: sa-a
                        limits: {max_current_A: 3.0e-3, compliance_V: 2.0, ramp_rate_A_per_s: 0.5, ramp_step_A: 2.5e-4}
                    """.formatted(smu.group(1), sa.group(1));
            Cli.Result check = Cli.run("bench", "check", "--config", TestBenches.write(dir, "served.yaml", real).toString(),
                    "--json");
            assertEquals(0, check.exit(), check.out() + check.err());
            assertTrue(check.out().contains("EMU-"), check.out());
            child.process().toHandle().destroy(); // SIGTERM, as Ctrl-C
            assertTrue(child.process().waitFor(20, TimeUnit.SECONDS), "serve stops when interrupted");
        }
    }
}
