package io.spinloop.lab.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.physics.MagneticParameters;
import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.config.LabConfigException;
import io.spinloop.lab.config.LabConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code emulator.magnetic} reaches the emulated free layer, and bad values are refused at their line. */
class EmulatedMagneticTest {
    @TempDir
    Path dir;

    private Path variant(String from, String to) throws Exception {
        String text = Files.readString(TestLabConfigs.defaultBench());
        assertTrue(text.contains(from), from);
        Path p = dir.resolve("magnetic.yaml");
        Files.writeString(p, text.replace(from, to));
        return p;
    }

    @Test
    void theConfiguredFreeLayerSetsTheGapsBiasField() throws Exception {
        Path config = variant("    effective_magnetisation_T: 1.0\n", "    effective_magnetisation_T: 1.5\n");
        try (Bench bench = Bench.of(LabConfigLoader.load(config))) {
            double expected = new MagneticParameters(1.5, 0.020, 0.01).referenceFieldT(5e9);
            assertEquals(expected, bench.emulator().magnetField("bop-a"), 1e-15,
                    "at 0 A the gap holds the reference field of the configured free layer");
            assertTrue(Math.abs(expected - 0.010878) > 1e-3, "and it is not the default's");
        }
    }

    @Test
    void aDampingOutsideZeroToOneIsRefusedAtItsLine() throws Exception {
        Path config = variant("    gilbert_damping: 0.01\n", "    gilbert_damping: 1.5\n");
        LabConfigException e = assertThrows(LabConfigException.class, () -> LabConfigLoader.load(config));
        assertEquals("emulator.magnetic.gilbert_damping", e.field());
        String text = Files.readString(config);
        int line = text.substring(0, text.indexOf("    gilbert_damping: 1.5")).split("\n", -1).length;
        assertEquals(line, e.line());
    }
}
