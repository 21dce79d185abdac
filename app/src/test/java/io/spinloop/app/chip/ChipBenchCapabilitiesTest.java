package io.spinloop.app.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.TestBenches;
import io.spinloop.lab.config.LabConfigException;
import io.spinloop.lab.config.LabConfigLoader;
import org.junit.jupiter.api.Test;

/** Chip runs play measured lists on every device's source: a bench with a 6221 is refused before it is opened. */
class ChipBenchCapabilitiesTest {
    @Test
    void aBenchWithA6221IsRefusedForChipRuns() throws Exception {
        var loaded = LabConfigLoader.load(TestBenches.repoRoot().resolve("lab-configs/emulated-mixed-bench.yaml"));
        LabConfigException e = assertThrows(LabConfigException.class, () -> ChipBench.open(loaded).close());
        assertEquals("emulator.models.cs-a", e.field());
        assertTrue(e.problem().contains("measured-list-sweep") && e.problem().contains("a chip run"), e.problem());
    }
}
