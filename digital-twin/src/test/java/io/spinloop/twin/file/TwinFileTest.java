package io.spinloop.twin.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.model.AutoOscillator;
import io.spinloop.twin.model.NeuralSde;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import io.spinloop.twin.model.PhysicsResidualArchitecture;
import io.spinloop.twin.model.PhysicsResidualSde;
import io.spinloop.twin.validate.DistributionMetrics;
import io.spinloop.twin.validate.ValidationReport;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwinFileTest {
    @TempDir
    Path dir;

    private static final double[][] DRIVE = {{1e-3, 1.5e-3, 2e-3, 2e-3, 0.5e-3}, {2.5e-3, 2.5e-3, 1e-3, 1.2e-3, 3e-3}};

    @Test
    void neuralSdeTwinRoundTripsAndSamplesIdentically() throws IOException {
        NeuralSde sde = new NeuralSde(NeuralSdeArchitecture.standard().withLatent(1), 3);
        sde.setRestState(-1.7);
        DigitalTwin twin = new DigitalTwin(sde, new Normalisation(1.5e-3, 6e-4, 5e-8, 3e-8, 1e-3), 1e-3);
        ValidationReport v = new ValidationReport(new DistributionMetrics(0.1, 0.2, 0.9, 0.5, 0.05, 0.3),
                new DistributionMetrics(0.09, 0.18, 1.0, 0.4, 0.06, 0.25), 12, 10, 60);
        Path f = dir.resolve("t.h5");
        TwinFile.write(f, new TwinRecord(twin, Map.of("data_files", "a.h5", "seed", 7L, "epochs", 12), v), false);
        TwinRecord back = TwinFile.read(f);
        assertEquals("a.h5", back.provenance().get("data_files"));
        assertEquals(v, back.validation());
        assertEquals(twin.normalisation(), back.twin().normalisation());
        double[][][] a = twin.sample(DRIVE, 3, 11, true);
        double[][][] b = back.twin().sample(DRIVE, 3, 11, true);
        for (int s = 0; s < a.length; s++) {
            for (int r = 0; r < 3; r++) {
                assertArrayEquals(a[s][r], b[s][r], 0.0);
            }
        }
        assertThrows(FileAlreadyExistsException.class, () -> TwinFile.write(f, back, false));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void logPowerTwinRoundTripsAsVersion2WhileWattTwinsStayVersion1() throws IOException {
        NeuralSde sde = new NeuralSde(NeuralSdeArchitecture.standard(), 4);
        sde.setRestState(-2.1);
        DigitalTwin logTwin = new DigitalTwin(sde, new Normalisation(2.1e-3, 2e-4, -95.5, 4.2, 0.018, true, 1e-13), 0.018);
        Path f = dir.resolve("log.h5");
        TwinFile.write(f, new TwinRecord(logTwin, Map.of(), null), false);
        TwinRecord back = TwinFile.read(f);
        assertEquals(logTwin.normalisation(), back.twin().normalisation());
        double[][][] a = logTwin.sample(DRIVE, 2, 5, true);
        double[][][] b = back.twin().sample(DRIVE, 2, 5, true);
        for (int s = 0; s < a.length; s++) {
            for (int r = 0; r < 2; r++) {
                assertArrayEquals(a[s][r], b[s][r], 0.0);
                for (double w : a[s][r]) {
                    assertTrue(w > 0 && w < 1e-6, "samples are watts: " + w);
                }
            }
        }
        try (HdfFile h = new HdfFile(f)) {
            assertEquals(2, ((Number) h.getAttribute("format_version").getData()).intValue());
            var ng = h.getByPath("/meta/normalisation").getAttributes();
            assertTrue(ng.containsKey("power_offset_dBW") && !ng.containsKey("power_offset_W"), ng.keySet().toString());
        }
        // a twin in W is written exactly as before log power existed (version 1, no @log_power): old readers keep reading it
        Path w = dir.resolve("w.h5");
        TwinFile.write(w, new TwinRecord(new DigitalTwin(sde, new Normalisation(1.5e-3, 6e-4, 5e-8, 3e-8, 1e-3), 1e-3),
                Map.of(), null), false);
        try (HdfFile h = new HdfFile(w)) {
            assertEquals(1, ((Number) h.getAttribute("format_version").getData()).intValue());
            assertEquals(java.util.Set.of("drive_offset_A", "drive_scale_A", "power_offset_W", "power_scale_W", "time_unit_s"),
                    h.getByPath("/meta/normalisation").getAttributes().keySet());
        }
        assertFalse(TwinFile.read(w).twin().normalisation().logPower());
    }

    @Test
    void driveHistoryTwinRoundTripsAndSamplesIdenticallyWhileOtherTwinsHaveNoHistoryAttribute() throws IOException {
        NeuralSde sde = new NeuralSde(NeuralSdeArchitecture.standard().withDriveHistory(2), 6);
        sde.setRestState(-1.2);
        DigitalTwin twin = new DigitalTwin(sde, new Normalisation(1.5e-3, 6e-4, 5e-8, 3e-8, 2e-9), 2e-9);
        Path f = dir.resolve("hist.h5");
        TwinFile.write(f, new TwinRecord(twin, Map.of(), null), false);
        NeuralSde back = (NeuralSde) TwinFile.read(f).twin().model();
        assertEquals(sde.architecture(), back.architecture());
        double[][][] a = twin.sample(DRIVE, 3, 13, true);
        double[][][] b = new DigitalTwin(back, twin.normalisation(), 2e-9).sample(DRIVE, 3, 13, true);
        for (int s = 0; s < a.length; s++) {
            for (int r = 0; r < 3; r++) {
                assertArrayEquals(a[s][r], b[s][r], 0.0);
            }
        }
        try (HdfFile h = new HdfFile(f)) {
            assertEquals(1, ((Number) h.getAttribute("format_version").getData()).intValue());
            assertEquals(2, ((Number) h.getByPath("/meta/architecture").getAttribute("drive_history").getData()).intValue());
        }
        // without history the file is written as before it existed, and reads back without history
        Path plain = dir.resolve("plain.h5");
        TwinFile.write(plain, new TwinRecord(new DigitalTwin(new NeuralSde(NeuralSdeArchitecture.standard(), 6),
                twin.normalisation(), 2e-9), Map.of(), null), false);
        try (HdfFile h = new HdfFile(plain)) {
            assertFalse(h.getByPath("/meta/architecture").getAttributes().containsKey("drive_history"));
        }
        assertEquals(0, ((NeuralSde) TwinFile.read(plain).twin().model()).architecture().driveHistory());
    }

    @Test
    void autoOscillatorTwinKeepsItsPhysicalValues() throws IOException {
        AutoOscillator.Values v = new AutoOscillator.Values(2e8, 1.1e-3, 0.3, 4e4, 0.07);
        DigitalTwin twin = new DigitalTwin(new AutoOscillator(v), Normalisation.identity(), 1e-3);
        Path f = dir.resolve("ao.h5");
        TwinFile.write(f, new TwinRecord(twin, Map.of(), null), false);
        AutoOscillator back = (AutoOscillator) TwinFile.read(f).twin().model();
        assertArrayEquals(v.toArray(), back.values().toArray(), 1e-9 * 2e8);
        assertEquals(0.3, back.values().q(), 1e-12);
    }

    @Test
    void physicsResidualTwinRoundTripsAndSamplesIdentically() throws IOException {
        PhysicsResidualSde m = new PhysicsResidualSde(new PhysicsResidualArchitecture(6, 4, false, 0.2, 0.15, 1.5e-3, 6e-4,
                2e-9, 1e-4, true), new AutoOscillator.Values(2e8, 1.1e-3, 0.3, 4e4, 0.07), 5);
        for (var p : m.residualParameters().list()) {
            double[] v = p.value().data().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.01 * (i + 1);
            }
            p.set(v);
        }
        DigitalTwin twin = new DigitalTwin(m, Normalisation.identity(), 2e-9);
        Path f = dir.resolve("pr.h5");
        TwinFile.write(f, new TwinRecord(twin, Map.of("model", "physics-residual"), null), false);
        TwinRecord back = TwinFile.read(f);
        PhysicsResidualSde b = (PhysicsResidualSde) back.twin().model();
        assertEquals(m.architecture(), b.architecture());
        assertArrayEquals(m.physics().values().toArray(), b.physics().values().toArray(), 1e-9 * 2e8);
        double[][][] x = twin.sample(DRIVE, 3, 11, true);
        double[][][] y = back.twin().sample(DRIVE, 3, 11, true);
        for (int s = 0; s < x.length; s++) {
            for (int r = 0; r < 3; r++) {
                assertArrayEquals(x[s][r], y[s][r], 0.0);
            }
        }
    }

    @Test
    void badFilesAreRefusedNamingFileAndDataset() throws IOException {
        Path text = dir.resolve("notes.h5");
        Files.writeString(text, "not hdf5 at all");
        InvalidTwinFileException e = assertThrows(InvalidTwinFileException.class, () -> TwinFile.read(text));
        assertTrue(e.getMessage().contains("notes.h5") && e.getMessage().contains("not an HDF5 file"), e.getMessage());

        Path other = dir.resolve("other.h5");
        try (WritableHdfFile h5 = HdfFile.write(other)) {
            h5.putAttribute("format", "spinloop-measurements");
        }
        e = assertThrows(InvalidTwinFileException.class, () -> TwinFile.read(other));
        assertTrue(e.getMessage().contains("other.h5: /@format"), e.getMessage());

        Path broken = dir.resolve("broken.h5");
        try (WritableHdfFile h5 = HdfFile.write(broken)) {
            h5.putAttribute("format", TwinFile.FORMAT);
            h5.putAttribute("format_version", 1);
            h5.putAttribute("kind", NeuralSde.KIND);
            h5.putAttribute("sample_interval_s", 1e-3);
            var pg = h5.putGroup("parameters");
            pg.putDataset("drift.w1", new double[][] {{1, 2, 3, 4}, {Double.NaN, 0, 0, 0}});
            var meta = h5.putGroup("meta");
            var n = meta.putGroup("normalisation");
            n.putAttribute("drive_offset_A", 0.0);
            n.putAttribute("drive_scale_A", 1.0);
            n.putAttribute("power_offset_W", 0.0);
            n.putAttribute("power_scale_W", 1.0);
            n.putAttribute("time_unit_s", 1e-3);
            var a = meta.putGroup("architecture");
            a.putAttribute("latent", 0);
            a.putAttribute("drift_hidden", 4);
            a.putAttribute("diffusion_hidden", 4);
            a.putAttribute("min_diffusion", 1e-5);
            a.putAttribute("diffusion", 1);
            a.putAttribute("rest_state", -1.0);
        }
        e = assertThrows(InvalidTwinFileException.class, () -> TwinFile.read(broken));
        assertTrue(e.getMessage().contains("broken.h5: /parameters/drift.w1: element [1, 0] is NaN"), e.getMessage());
    }
}
