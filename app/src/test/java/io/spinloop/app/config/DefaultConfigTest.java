package io.spinloop.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.ChildSpinloop;
import io.spinloop.app.TestBenches;
import io.spinloop.lab.config.LabConfigException;
import io.spinloop.lab.config.LabConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default --config is found from any working directory: the installation's copy (the launcher passes
 * -Dspinloop.home) or else the jar's own, never "lab-configs/emulated-bench.yaml: no such file".
 */
class DefaultConfigTest {
    @TempDir
    Path elsewhere;

    private String run(List<String> jvm, String... args) throws Exception {
        try (ChildSpinloop c = ChildSpinloop.startIn(elsewhere, jvm, args)) {
            String log = c.drain();
            assertEquals(0, c.process().exitValue(), log);
            return log;
        }
    }

    @Test
    void benchCheckWithTheDefaultConfigWorksOutsideTheRepository() throws Exception {
        assertFalse(Files.exists(elsewhere.resolve(LabConfigLoader.DEFAULT)));
        String builtIn = run(List.of(), "bench", "check");
        assertTrue(builtIn.contains("bench emulated-bench (emulated, started in-process on loopback) — "
                + LabConfigLoader.BUILT_IN), builtIn);
        assertTrue(builtIn.contains("all instruments answered as configured"), builtIn);

        Path home = TestBenches.repoRoot();
        String installed = run(List.of("-D" + LabConfigLoader.HOME_PROPERTY + "=" + home), "bench", "check");
        assertTrue(installed.contains(" — " + home.resolve(LabConfigLoader.DEFAULT)), installed);
    }

    @Test
    void theJarsCopyIsTheRepositorysBench() throws Exception {
        assertEquals(TestBenches.defaultBenchText(), LabConfigLoader.builtInDefault());
        // a config given by name that is not there is still refused: only the default falls back
        LabConfigException e = org.junit.jupiter.api.Assertions.assertThrows(LabConfigException.class,
                () -> LabConfigLoader.load(elsewhere.resolve(LabConfigLoader.DEFAULT)));
        assertTrue(e.getMessage().endsWith("no such file"), e.getMessage());
    }
}
