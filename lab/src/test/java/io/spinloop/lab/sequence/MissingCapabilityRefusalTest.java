package io.spinloop.lab.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.emulator.EmulatedBench;
import io.spinloop.emulator.instruments.AnalyzerModel;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.time.Timing;
import io.spinloop.lab.RunProgress;
import io.spinloop.lab.RunRefusedException;
import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.bench.Recording;
import io.spinloop.lab.config.InstrumentCapability;
import io.spinloop.lab.config.LabConfigException;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.config.ModelCapabilities;
import io.spinloop.lab.config.RunCapabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that needs what the configured source cannot do is refused before anything is touched, at the line and
 * field that chose the model, naming the missing capability; the config itself loads (a sweep on it is fine).
 */
class MissingCapabilityRefusalTest {

    private static Path with6221(Path dir, String modelsLine, String smuModelLine) throws Exception {
        String s = Files.readString(TestLabConfigs.defaultBench());
        s = TestLabConfigs.replaceLine(s, "  models:", modelsLine);
        s = TestLabConfigs.replaceLine(s, "    model: auto                  # *IDN? picks the driver", smuModelLine);
        Path p = dir.resolve("k6221.yaml");
        Files.writeString(p, s);
        return p;
    }

    @Test
    void sequencesOnAnEmulated6221AreRefusedAtItsModelLine(@TempDir Path dir) throws Exception {
        Path file = with6221(dir, "  models: {smu-a: keithley-6221, sa-a: keysight-n9030b}", "    model: auto");
        LoadedLabConfig cfg = LabConfigLoader.load(file);
        Path out = dir.resolve("seq.h5");
        var plan = new SequenceMeasurement.Plan(cfg, cfg.device("stno-a"), 2, 1, 20, 7, "--length 20");
        LabConfigException e = assertThrows(LabConfigException.class, () -> SequenceMeasurement.run(plan,
                new Recording(out, false, "test", "test"), RunProgress.silent()));
        assertEquals("emulator.models.smu-a", e.field());
        assertEquals(file, e.file());
        assertTrue(e.line() > 0 && Files.readAllLines(file).get(e.line() - 1).contains("keithley-6221"),
                "line " + e.line());
        assertTrue(e.problem().contains("keithley-6221") && e.problem().contains("measured-list-sweep")
                && e.problem().contains("measure sequences"), e.problem());
        assertFalse(Files.exists(out), "no file");
    }

    @Test
    void aNamed6221IsRefusedAtInstrumentsModel(@TempDir Path dir) throws Exception {
        Path file = with6221(dir, "  models: {sa-a: keysight-n9030b}", "    model: keithley-6221");
        LoadedLabConfig cfg = LabConfigLoader.load(file);
        LabConfigException e = assertThrows(LabConfigException.class, () -> RunCapabilities.requireOfSource(cfg,
                cfg.device("stno-a"), RunCapabilities.LIST_PLAYBACK, "a chip run"));
        assertEquals("instruments[0].model", e.field());
        assertTrue(Files.readAllLines(file).get(e.line() - 1).contains("keithley-6221"), "line " + e.line());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        // the other devices' 2400s can play lists
        RunCapabilities.requireOfSource(cfg, cfg.device("stno-b"), RunCapabilities.LIST_PLAYBACK, "a chip run");
    }

    /**
     * {@code model: auto} on a real bench is not known before it answers: the run opens it, finds a 6221, and refuses
     * before recording anything, the source left at 0 A with its output off.
     */
    @Test
    void anAutoSourceThatAnswersAs6221IsRefusedBeforeAnythingIsRecorded(@TempDir Path dir) throws Exception {
        try (EmulatedBench bench = EmulatedBench.builder().seed(9).device("d1", DeviceParameters.defaults())
                .currentSource("smu", SourceModel.KEITHLEY_6221, 0, "d1")
                .analyzer("sa", AnalyzerModel.KEYSIGHT_N9030B, 0, "d1").triggerLink("smu", "sa")
                .timing(Timing.VIRTUAL).start()) {
            Path file = dir.resolve("real.yaml");
            Files.writeString(file, """
                    bench: real-bench
                    instruments:
                      - {name: smu, role: source, model: auto, resource: "tcp://127.0.0.1:%d"}
                      - {name: sa, role: analyzer, model: auto, resource: "tcp://127.0.0.1:%d"}
                    devices:
                      - id: d1
                        source: smu
                        analyzer: sa
                        limits: {max_current_A: 3.0e-3, compliance_V: 2.0, ramp_rate_A_per_s: 0.5, ramp_step_A: 2.5e-4}
                    """.formatted(bench.address("smu").getPort(), bench.address("sa").getPort()));
            LoadedLabConfig cfg = LabConfigLoader.load(file);
            Path out = dir.resolve("seq.h5");
            var plan = new SequenceMeasurement.Plan(cfg, cfg.device("d1"), 2, 1, 20, 7, "--length 20");
            RunRefusedException e = assertThrows(RunRefusedException.class, () -> SequenceMeasurement.run(plan,
                    new Recording(out, false, "test", "test"), RunProgress.silent()));
            assertTrue(e.getMessage().contains("MODEL 6221") && e.getMessage().contains("measured-list-sweep"),
                    e.getMessage());
            assertFalse(Files.exists(out), "no file");
            var last = bench.history("smu").get(bench.history("smu").size() - 1);
            assertFalse(last.outputOn());
            assertEquals(0.0, last.level(), 0.0);
        }
    }

    @Test
    void theModelTableDeclaresWhatEachSourceLacks() {
        assertFalse(ModelCapabilities.KEITHLEY_6221.has(InstrumentCapability.VOLTAGE_READBACK));
        assertFalse(ModelCapabilities.KEITHLEY_6221.has(InstrumentCapability.MEASURED_LIST_SWEEP));
        assertFalse(ModelCapabilities.KEITHLEY_6221.has(InstrumentCapability.TRIGGER_LINK), "no list to pulse it");
        assertTrue(ModelCapabilities.KEYSIGHT_B2902A.has(InstrumentCapability.TRIGGER_LINK));
        assertTrue(ModelCapabilities.KEITHLEY_2400.has(InstrumentCapability.MEASURED_LIST_SWEEP));
        assertEquals(ModelCapabilities.KEITHLEY_6221, ModelCapabilities.fromIdn(
                "KEITHLEY INSTRUMENTS INC.,MODEL 6221,EMU-0001,A03").orElseThrow());
        assertEquals(io.spinloop.drivers.source.SourceModel.KEITHLEY_2400.maxListPoints(),
                ModelCapabilities.KEITHLEY_2400.maxListPoints(), "one source of truth for list capacity");
    }
}
