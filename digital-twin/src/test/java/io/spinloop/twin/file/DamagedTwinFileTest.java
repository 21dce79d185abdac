package io.spinloop.twin.file;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.model.NeuralSde;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage the fuzz harness found: each is refused as an invalid twin file naming it, nothing else escapes. */
class DamagedTwinFileTest {
    @TempDir
    Path dir;

    private Path valid() throws Exception {
        Path f = dir.resolve("t.h5");
        if (!Files.exists(f)) {
            TwinFile.write(f, new TwinRecord(new DigitalTwin(new NeuralSde(NeuralSdeArchitecture.standard(), 1),
                    new Normalisation(1.5e-3, 6e-4, 5e-8, 3e-8, 1e-3), 1e-3), Map.of(), null), false);
        }
        return f;
    }

    @Test
    void aDamagedSuperblockIsAnInvalidTwinFile() throws Exception {
        byte[] good = Files.readAllBytes(valid());
        // jHDF meets these with an ArithmeticException ("Could not convert to unsigned value") and an
        // IllegalArgumentException ("Couldn't read 9 bytes as int"), not its own HdfException.
        for (int[] flip : new int[][] {{20, 0}, {9, 0}}) {
            byte[] b = good.clone();
            b[flip[0]] ^= (byte) (1 << flip[1]);
            Path bad = Files.write(dir.resolve("bad-" + flip[0] + ".h5"), b);
            InvalidTwinFileException e = assertThrows(InvalidTwinFileException.class, () -> TwinFile.read(bad));
            assertTrue(e.getMessage().startsWith(bad + ": unreadable HDF5"), e.getMessage());
        }
    }

    @Test
    void aBadNormalisationIsNamedValueByValueNotAsARecord() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Normalisation(Double.NaN, 0, 0, 1, 1e-3));
        assertTrue(e.getMessage().equals("normalisation: drive scale 0.0: must be a positive number; drive offset NaN: "
                + "must be finite"), e.getMessage());
    }

    @Test
    void anArchitectureLargerThanTheFileIsRefusedBeforeItIsBuilt() throws Exception {
        for (Object width : new Object[] {Integer.MAX_VALUE, 1e300, 1 << 20, 16.5}) {
            Path bad = dir.resolve("wide.h5");
            Files.deleteIfExists(bad);
            try (WritableHdfFile h5 = HdfFile.write(bad)) {
                h5.putAttribute("format", TwinFile.FORMAT);
                h5.putAttribute("format_version", 1);
                h5.putAttribute("kind", NeuralSde.KIND);
                h5.putAttribute("sample_interval_s", 1e-3);
                h5.putGroup("parameters").putDataset("drift.w1", new double[][] {{1, 2}, {3, 4}});
                var meta = h5.putGroup("meta");
                var n = meta.putGroup("normalisation");
                n.putAttribute("drive_offset_A", 0.0);
                n.putAttribute("drive_scale_A", 1.0);
                n.putAttribute("power_offset_W", 0.0);
                n.putAttribute("power_scale_W", 1.0);
                n.putAttribute("time_unit_s", 1e-3);
                var a = meta.putGroup("architecture");
                a.putAttribute("latent", 0);
                a.putAttribute("drift_hidden", width);
                a.putAttribute("diffusion_hidden", 4);
                a.putAttribute("min_diffusion", 1e-5);
                a.putAttribute("diffusion", 1);
                a.putAttribute("rest_state", -1.0);
            }
            InvalidTwinFileException e = assertThrows(InvalidTwinFileException.class, () -> TwinFile.read(bad),
                    "drift_hidden " + width);
            assertTrue(e.getMessage().startsWith(bad + ": /meta/architecture"), e.getMessage());
        }
    }
}
