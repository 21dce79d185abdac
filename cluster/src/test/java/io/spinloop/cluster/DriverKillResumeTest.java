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
 * {@code spinloop study dt --engine spark} in a driver JVM that is killed (SIGKILL) once two runs are in runs.csv,
 * then started again: the second driver reads those runs back, trains only the others, and the study ends with
 * every run once, the rows written before the kill untouched, and the figures of the same study on the local engine.
 */
class DriverKillResumeTest {
    private static final String[] STUDY = {"study", "dt", "--models", "ctrnn", "--dts", "0.5,1,2", "--seeds", "2",
        "--layers", "1", "--neurons", "4", "--train-limit", "48", "--test-limit", "24", "--batch", "24", "--epochs", "24",
        "--parallel", "1"};

    private static String[] study(Path out, String... engine) {
        List<String> a = new ArrayList<>(List.of(STUDY));
        a.addAll(List.of("--out", out.toString()));
        a.addAll(List.of(engine));
        return a.toArray(new String[0]);
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aStudyWhoseDriverIsKilledResumesFromItsResultsFileWithoutRepeatingARun(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("spark");
        Path csv = out.resolve("runs.csv");
        List<String> before;
        try (ChildJvm first = driver(tmp.resolve("first.log"), study(out, "--engine", "spark", "--master", "local[1]"))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
            while (!Files.exists(csv) || Files.readAllLines(csv).size() < 3) {
                assertTrue(first.process().isAlive(), "the first driver ended early: " + first.tail());
                assertTrue(System.nanoTime() < deadline, "no two runs within 8 minutes: " + first.tail());
                Thread.sleep(100);
            }
            first.kill();
            first.process().waitFor();
            before = Files.readAllLines(csv);
        }
        assertTrue(before.size() >= 3 && before.size() < 7, "killed after " + (before.size() - 1) + " of 6 runs");

        try (ChildJvm second = driver(tmp.resolve("second.log"), study(out, "--engine", "spark", "--master", "local[1]"))) {
            assertTrue(second.process().waitFor(10, TimeUnit.MINUTES), "the second driver did not end: " + second.tail());
            assertEquals(0, second.process().exitValue(), second.tail());
            assertTrue(Files.readString(tmp.resolve("second.log")).contains((before.size() - 1) + " runs already in runs.csv"),
                    second.tail());
        }
        List<String> after = Files.readAllLines(csv);
        assertEquals(7, after.size(), String.join("\n", after));
        assertTrue(after.containsAll(before), "a row written before the kill changed:\n" + before + "\n" + after);
        assertEquals(6, after.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().count());

        StringWriter err = new StringWriter();
        CommandLine cl = SpinloopCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute(study(tmp.resolve("local"))), err.toString());
        assertEquals(TinyStudy.withoutTimes(tmp.resolve("local/runs.csv")), TinyStudy.withoutTimes(csv));
        assertEquals(Files.readAllLines(tmp.resolve("local/dt.csv")), Files.readAllLines(out.resolve("dt.csv")));
    }

    private static ChildJvm driver(Path log, String... args) throws Exception {
        return ChildJvm.start(log, Map.of(), List.of("-Xmx512m", "-Dspark.ui.enabled=false"), "io.spinloop.app.Main", args);
    }
}
