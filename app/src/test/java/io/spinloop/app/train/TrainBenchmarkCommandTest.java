package io.spinloop.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code benchmark train} reports the epoch's process CPU time and the JIT setting; the launcher sets that setting. */
class TrainBenchmarkCommandTest {
    private static final Pattern CPU = Pattern.compile(
            "epoch CPU time of the process \\(all threads; less disturbed by other jobs\\): median (\\S+) s "
                    + "\\(quartiles (\\S+) \\.\\. (\\S+)\\); JIT loop unroll limit (\\S+); weight-gradient kernel (\\S+); "
                    + "float kernel (\\S+); float oscillator step (\\S+)");

    @Test
    void reportsTheEpochsCpuTimeAndTheUnrollLimit() throws Exception {
        Cli.Result r = Cli.run("benchmark", "train", "--model", "ctrnn", "--threads", "1", "--warmup", "0", "--epochs",
                "1");
        assertEquals(0, r.exit(), r.err());
        Matcher m = CPU.matcher(r.out());
        assertTrue(m.find(), r.out());
        // Process CPU time ticks in milliseconds or coarser, but one epoch of 899 images takes far longer.
        assertTrue(Double.parseDouble(m.group(1)) > 0, r.out());
        // The test JVM runs without the launcher's option: C2's default (or "unknown" on a JVM without it).
        assertTrue(m.group(4).matches("\\d+|unknown"), r.out());
        // The tests run with the incubator module (the parent pom's argLine), so the vector kernel is the one picked.
        assertEquals("vector", m.group(5), r.out());
        assertEquals("vector", m.group(6), r.out());
        assertEquals("vector", m.group(7), r.out());
    }

    @Test
    void theLauncherRaisesTheLoopUnrollLimitBeforeTheUsersOptions() throws Exception {
        List<String> execs = Files.readAllLines(TestBenches.repoRoot().resolve("spinloop")).stream()
                .filter(l -> l.strip().startsWith("exec java")).toList();
        assertEquals(2, execs.size(), "the plain and the Spark launch: " + execs);
        for (String l : execs) {
            int flag = l.indexOf("-XX:LoopUnrollLimit=300");
            assertTrue(flag > 0 && flag < l.indexOf("${SPINLOOP_JAVA_OPTS"), l);
            // The Vector API's weight-gradient kernel (autodiff VectorWeightGradient) needs the incubator module,
            // which SPINLOOP_VECTOR_API=1 adds through $vector.
            int module = l.indexOf("$vector");
            assertTrue(module > 0 && module < l.indexOf("${SPINLOOP_JAVA_OPTS"), l);
        }
        String launcher = Files.readString(TestBenches.repoRoot().resolve("spinloop"));
        assertTrue(launcher.contains("if [ \"${SPINLOOP_VECTOR_API:-}\" = \"1\" ]; then\n  vector=\"--add-modules "
                + "jdk.incubator.vector\""), "the opt-in sets the module");
    }
}
