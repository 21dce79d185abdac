package io.spinloop.drivers.bench;

import static io.spinloop.drivers.bench.BenchFixture.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.source.SafetyLimits;
import io.spinloop.emulator.EmulatedBench;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM (what Ctrl-C and {@code kill} send) to a program that left current flowing: the shutdown hook
 * ramps the source to 0 A and switches it off. The program runs in a child JVM; the emulator runs here
 * and keeps the record.
 */
class ShutdownHookTest {

    @Test
    void sigtermRampsEverySourceToZeroAndSwitchesItOff() throws Exception {
        try (EmulatedBench bench = EmulatorBenches.sourcesAndAnalyzers()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-D" + InstrumentClaim.DIRECTORY_PROPERTY + "=" + InstrumentClaim.directory(), // claims stay in target/
                    ShutdownChild.class.getName(), tcp(bench, "smu1"), "2e-3");
            pb.redirectErrorStream(true);
            Process child = pb.start();
            String ready;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                ready = out.readLine();
                assertNotNull(ready, "child said nothing");
                assertTrue(ready.startsWith("READY"), "child: " + ready);
                List<SourceHistory.Point> before = SourceHistory.of(bench, "smu1");
                SourceHistory.Point driven = before.get(before.size() - 1);
                assertTrue(driven.outputOn() && Math.abs(driven.level() - 2e-3) < 1e-12, "driven: " + driven);
                child.destroy(); // SIGTERM
                assertTrue(child.waitFor(20, TimeUnit.SECONDS), "child did not exit");
            }
            assertEquals(143, child.exitValue(), "exit status of a JVM ended by SIGTERM");
            // the child's limits: 0.1 mA steps
            BenchFixture.assertEndedSafe(bench, "smu1", new SafetyLimits(3e-3, 2.0, 0.1, 1e-4));
            List<SourceHistory.Point> after = SourceHistory.of(bench, "smu1");
            assertFalse(after.get(after.size() - 1).outputOn());
        }
    }
}
