package io.spinloop.app.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.TestBenches;
import io.spinloop.app.chip.ChipExperiment;
import io.spinloop.app.chip.NeuronTwinFiles;
import io.spinloop.app.chip.TrainedNetworkFile;
import io.spinloop.lab.chip.ChipChannel;
import io.spinloop.lab.chip.NeuronReadout;
import io.spinloop.lab.chip.ZeroSpanSettings;
import io.spinloop.lab.config.LabConfigException;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.training.chip.NetworkWeights;
import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.file.TwinFile;
import io.spinloop.twin.file.TwinRecord;
import io.spinloop.twin.model.NeuralSde;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import io.spinloop.twin.neuron.ReadingScale;
import io.spinloop.twin.neuron.ResponseTwin;
import io.spinloop.twin.neuron.ResponseTwinFile;
import io.spinloop.twin.neuron.SdeNeuronTwin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defects {@link LoaderFuzzTest} found, each pinned by the smallest damage that showed it: a raw exception or
 * a message without the file, now a refusal naming the file.
 */
class FuzzFindingsTest {
    @TempDir
    Path dir;

    private LabConfigException refusedConfig(String from, String to) throws Exception {
        String text = TestBenches.defaultBenchText();
        assertTrue(text.contains(from), from);
        Path f = Files.writeString(dir.resolve("c.yaml"), text.replace(from, to));
        return assertThrows(LabConfigException.class, () -> LabConfigLoader.load(f));
    }

    @Test
    void infiniteNumbersInALabConfigAreRefusedNotFormatted() throws Exception {
        // was NumberFormatException ("Infinite or NaN") from formatting the current in the refusal
        assertTrue(refusedConfig("    to_A: 2.5e-3", "    to_A: 1e999").getMessage().contains("Infinity"));
        // was accepted: an infinite spread of the emulated devices
        assertTrue(refusedConfig("spread: {", "spread: {threshold: .inf, ").getMessage()
                .contains("spread.threshold"));
    }

    @Test
    void aResponseTwinRefusedByItsOwnChecksNamesTheFile() throws Exception {
        ReadingScale scale = new ReadingScale(-90, 30);
        NeuronReadout readout = new NeuronReadout(new ZeroSpanSettings(4.7e9, 8e6, 1e-3, 1.8e-3, 10, 100),
                new ChipChannel.LineTracking(2.5e-3, -2e8, 4e8));
        Path f = dir.resolve("response-twin-stno-a.json");
        ResponseTwinFile.write(f, new ResponseTwin("stno-a", 0.5e-3, 2.5e-3, new double[] {0, 0.5, 0.9},
                new double[] {0.01, 0.02, 0.02}, scale), readout.provenance());
        String good = Files.readString(f);
        for (String[] damage : new String[][] {{"\"window_low_A\" : 5.0E-4", "\"window_low_A\" : 0.1"},
            {"\"span_dB\" : 30.0", "\"span_dB\" : 0"}, {"\"neuron_rbw_Hz\" : 8000000.0", "\"neuron_rbw_Hz\" : 0"}}) {
            assertTrue(good.contains(damage[0]), damage[0] + " in " + good);
            Files.writeString(f, good.replace(damage[0], damage[1]));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NeuronTwinFiles.load(List.of(f), ChipExperiment.TwinKind.RESPONSE, null, "--twins"));
            assertTrue(e.getMessage().startsWith("--twins " + f + ": "), damage[1] + ": " + e.getMessage());
        }
    }

    @Test
    void aNeuralSdeNeuronTwinRefusedByItsOwnChecksNamesTheFile() throws Exception {
        java.util.Map<String, Object> prov = new java.util.LinkedHashMap<>(SdeNeuronTwin.neuronProvenance("stno-a",
                0.5e-3, 2.5e-3, new ReadingScale(-90, 30)));
        prov.putAll(new NeuronReadout(new ZeroSpanSettings(4.7e9, 8e6, 1e-3, 1.8e-3, 10, 100),
                new ChipChannel.LineTracking(2.5e-3, -2e8, 4e8)).provenance());
        prov.put("neuron_span_dB", 0.0); // a reading scale without a span
        Path f = dir.resolve("twin-stno-a.h5");
        TwinFile.write(f, new TwinRecord(new DigitalTwin(new NeuralSde(NeuralSdeArchitecture.standard(), 1),
                new Normalisation(1.5e-3, 6e-4, 0.5, 0.2, 1.8e-3), 1.8e-3), prov, null), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeuronTwinFiles.load(List.of(f), ChipExperiment.TwinKind.SDE, null, "--twins"));
        assertTrue(e.getMessage().startsWith("--twins " + f + ": reading scale"), e.getMessage());
    }

    @Test
    void weightsWithAnImpossibleTaskOrShapeNameTheFile() throws Exception {
        ChipExperiment.Options quick = ChipExperiment.Options.quick(1);
        Path f = dir.resolve("w.json");
        new TrainedNetworkFile(NetworkWeights.random(quick.neurons(), quick.taps(), false, 1.0, 0.5, 2),
                List.of("stno-a"), ChipExperiment.TwinKind.RESPONSE, quick, "test").write(f);
        String good = Files.readString(f);
        String[][] damage = {
            {"\"sampling\" : 3.0", "\"sampling\" : 0", "task: sampling"},  // was a message without the file, at deploy
            {"\"neurons\" : 12", "\"neurons\" : 100000", "weights: "},       // was 10^10 weights asked for
            {"\"train_windows\" : 20", "\"train_windows\" : 2000000000", "far larger"},
        };
        for (String[] d : damage) {
            assertTrue(good.contains(d[0]), d[0] + " in " + good);
            Files.writeString(f, good.replace(d[0], d[1]));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrainedNetworkFile.read(f, "--weights"));
            assertTrue(e.getMessage().startsWith("--weights " + f + ": ") && e.getMessage().contains(d[2]),
                    d[1] + ": " + e.getMessage());
        }
        assertEquals(good.replace("\"train_windows\" : 20", "\"train_windows\" : 2000000000"), Files.readString(f));
    }
}
