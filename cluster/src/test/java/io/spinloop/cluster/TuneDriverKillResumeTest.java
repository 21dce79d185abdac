package io.spinloop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.SpinloopCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code spinloop tune --engine spark} in a driver JVM killed (SIGKILL) once two trials are in trials-done.csv, then
 * started again: the second driver reads them back, runs only the other trials, and the search ends with the very
 * trials-done.csv (every figure, in order) of the same search run straight through on the local engine.
 */
class TuneDriverKillResumeTest {
    private static final String[] TUNE = {"tune", "--model", "ctrnn", "--trials", "6", "--parallel", "1", "--startup", "3",
        "--prune-warmup", "2", "--space", "tau=1:20,lr0=0.005:0.1", "--layers", "1", "--neurons", "4", "--train-limit", "48",
        "--test-limit", "24", "--batch", "24", "--epochs", "24"};

    private static String[] tune(Path out, String... engine) {
        List<String> a = new ArrayList<>(List.of(TUNE));
        a.addAll(List.of("--out", out.toString()));
        a.addAll(List.of(engine));
        return a.toArray(new String[0]);
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aSearchWhoseDriverIsKilledResumesFromItsTrialsFile(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("spark");
        Path csv = out.resolve("trials-done.csv");
        List<String> before;
        try (ChildJvm first = driver(tmp.resolve("first.log"), tune(out, "--engine", "spark", "--master", "local[1]"))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
            while (!Files.exists(csv) || Files.readAllLines(csv).size() < 3) {
                assertTrue(first.process().isAlive(), "the first driver ended early: " + first.tail());
                assertTrue(System.nanoTime() < deadline, "no two trials within 8 minutes: " + first.tail());
                Thread.sleep(100);
            }
            first.kill();
            first.process().waitFor();
            before = Files.readAllLines(csv);
        }
        assertTrue(before.size() >= 3 && before.size() < 7, "killed after " + (before.size() - 1) + " of 6 trials");

        try (ChildJvm second = driver(tmp.resolve("second.log"), tune(out, "--engine", "spark", "--master", "local[1]"))) {
            assertTrue(second.process().waitFor(10, TimeUnit.MINUTES), "the second driver did not end: " + second.tail());
            assertEquals(0, second.process().exitValue(), second.tail());
            assertTrue(Files.readString(tmp.resolve("second.log")).contains((before.size() - 1) + " trials already in"),
                    second.tail());
        }
        List<String> after = Files.readAllLines(csv);
        assertEquals(7, after.size(), String.join("\n", after));
        assertEquals(before, after.subList(0, before.size()), "a row written before the kill changed");

        StringWriter err = new StringWriter();
        CommandLine cl = SpinloopCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute(tune(tmp.resolve("local"))), err.toString());
        assertEquals(Files.readAllLines(tmp.resolve("local/trials-done.csv")), after);
        assertEquals(Files.readAllLines(tmp.resolve("local/trials.csv")), Files.readAllLines(out.resolve("trials.csv")));
    }

    private static ChildJvm driver(Path log, String... args) throws Exception {
        return ChildJvm.start(log, Map.of(), List.of("-Xmx512m", "-Dspark.ui.enabled=false"), "io.spinloop.app.Main", args);
    }
}
