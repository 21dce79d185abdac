package io.spinloop.twin.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.spinloop.twin.DeviceModel;
import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.model.AutoOscillator;
import io.spinloop.twin.model.NeuralSde;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import io.spinloop.twin.model.PhysicsResidualArchitecture;
import io.spinloop.twin.model.PhysicsResidualSde;
import io.spinloop.twin.neuron.ReadingScale;
import io.spinloop.twin.neuron.ResponseTwin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Twin files find model kinds through {@link TwinKinds}: by a model's class when written, by name when read. */
class TwinKindsTest {
    @TempDir
    Path dir;

    private static List<DeviceModel> oneOfEach() {
        return List.of(new NeuralSde(NeuralSdeArchitecture.standard(), 1),
                new PhysicsResidualSde(new PhysicsResidualArchitecture(2, 2, true, 0.2, 0.1, 1.5e-3, 6e-4, 1e-8, 1e-4,
                        false), AutoOscillator.defaults(), 2),
                new AutoOscillator(AutoOscillator.defaults()));
    }

    @Test
    void everyKindIsFoundByItsModelAndByTheNameItsModelGives() {
        assertEquals(List.of("neural-sde", "physics-residual", "auto-oscillator"), TwinKinds.names());
        for (DeviceModel m : oneOfEach()) {
            TwinKind<?> k = TwinKinds.of(m).orElseThrow();
            assertEquals(m.kind(), k.name());
            assertSame(m.getClass(), k.type());
            assertSame(k, TwinKinds.named(m.kind()).orElseThrow());
        }
        assertFalse(TwinKinds.named("macrospin").isPresent());
    }

    @Test
    void everyKindIsWrittenAsItsNameAndReadBackAsItsClass() throws Exception {
        for (DeviceModel m : oneOfEach()) {
            Path f = dir.resolve(m.kind() + ".h5");
            TwinFile.write(f, new TwinRecord(new DigitalTwin(m, Normalisation.identity(), 1e-8), Map.of(), null), false);
            try (HdfFile h5 = new HdfFile(f)) {
                assertEquals(m.kind(), h5.getAttribute("kind").getData());
            }
            assertSame(m.getClass(), TwinFile.read(f).twin().model().getClass());
        }
    }

    @Test
    void anUnknownKindIsRefusedNamingTheFileAndTheKnownKinds() throws Exception {
        Path f = dir.resolve("macrospin.h5");
        try (WritableHdfFile h5 = HdfFile.write(f)) {
            h5.putAttribute("format", TwinFile.FORMAT);
            h5.putAttribute("format_version", 1);
            h5.putAttribute("kind", "macrospin");
            h5.putAttribute("sample_interval_s", 1e-3);
            h5.putGroup("parameters").putDataset("p", new double[][] {{1}});
            var n = h5.putGroup("meta").putGroup("normalisation");
            n.putAttribute("drive_offset_A", 0.0);
            n.putAttribute("drive_scale_A", 1.0);
            n.putAttribute("power_offset_W", 0.0);
            n.putAttribute("power_scale_W", 1.0);
            n.putAttribute("time_unit_s", 1e-3);
        }
        InvalidTwinFileException e = assertThrows(InvalidTwinFileException.class, () -> TwinFile.read(f));
        assertEquals(f + ": /@kind: unknown model kind \"macrospin\" (twin files hold neural-sde, physics-residual, "
                + "auto-oscillator)", e.getMessage());
    }

    @Test
    void aModelNoKindHoldsIsRefusedBeforeAnythingIsWritten() {
        ResponseTwin response = new ResponseTwin("stno-a", 1e-3, 2e-3, new double[] {0, 1}, new double[] {0.1, 0.1},
                new ReadingScale(-80, 20));
        Path f = dir.resolve("sub").resolve("response.h5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TwinFile.write(f,
                new TwinRecord(new DigitalTwin(response, Normalisation.identity(), 1e-3), Map.of(), null), false));
        assertTrue(e.getMessage().startsWith(f.toAbsolutePath() + ": twin files hold neural-sde, physics-residual, "
                + "auto-oscillator models, not quasi-static-response"), e.getMessage());
        assertFalse(Files.exists(f.getParent()), "nothing written");
    }
}
