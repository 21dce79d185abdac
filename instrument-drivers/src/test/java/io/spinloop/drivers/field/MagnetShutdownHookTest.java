package io.spinloop.drivers.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.bench.InstrumentClaim;
import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.MagnetEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM (what Ctrl-C and {@code kill} send) to a program that left the magnet energised: the shutdown hook the
 * current sources use ramps the magnet to 0 A at its rate limit and switches it off. The program runs in a child
 * JVM; the emulator runs here and keeps the magnet record.
 */
class MagnetShutdownHookTest {

    @Test
    void sigtermRampsTheMagnetToZeroAndSwitchesItOff() throws Exception {
        try (EmulatedBench bench = FieldBench.start("lakeshore-475")) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-D" + InstrumentClaim.DIRECTORY_PROPERTY + "=" + InstrumentClaim.directory(),
                    MagnetShutdownChild.class.getName(), FieldBench.tcp(bench, "bop1"), "1.5");
            pb.redirectErrorStream(true);
            Process child = pb.start();
            int from;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String ready = out.readLine();
                assertNotNull(ready, "child said nothing");
                assertTrue(ready.startsWith("READY"), "child: " + ready);
                List<MagnetEvent> before = bench.magnetHistory("bop1");
                MagnetEvent driven = before.get(before.size() - 1);
                assertTrue(driven.outputOn() && driven.level() == 1.5, "driven: " + driven);
                from = before.size() - 1;
                child.destroy(); // SIGTERM
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not exit");
            }
            assertEquals(143, child.exitValue(), "exit status of a JVM ended by SIGTERM");
            FieldBench.assertRampedToZero(bench, "bop1", FieldBench.LIMITS, from);
            assertTrue(bench.magnetHistory("bop1").size() - from > 1.5 / FieldBench.LIMITS.maxStep(),
                    "stepped down, not dropped");
        }
    }
}
