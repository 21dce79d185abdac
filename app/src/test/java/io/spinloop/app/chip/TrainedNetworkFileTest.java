package io.spinloop.app.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.training.chip.NetworkWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weights file of a digits network: what it keeps, and what a damaged one is refused for. */
class TrainedNetworkFileTest {
    @TempDir
    Path dir;

    private Path digitsFile() throws Exception {
        NetworkWeights w = NetworkWeights.classifier(6, 8, true, 10, 8, 1.0, 0.5, 3);
        DigitsExperiment.Plan p = DigitsExperiment.Plan.full(6, true).withEpochs(12, 3);
        Path f = dir.resolve("d.json");
        TrainedNetworkFile.digits(w, List.of("a", "b", "c"), ChipExperiment.TwinKind.RESPONSE, p, 7, "test").write(f);
        return f;
    }

    @Test
    void digitsWeightsRoundTripWithTheirPlan() throws Exception {
        Path f = digitsFile();
        TrainedNetworkFile back = TrainedNetworkFile.read(f, "--weights");
        assertTrue(back.isDigits());
        assertEquals(DigitsExperiment.Plan.full(6, true).withEpochs(12, 3), back.digits());
        assertEquals(10, back.weights().outputs());
        assertEquals(8, back.weights().readoutSteps());
        assertTrue(back.weights().recurrent());
        assertArrayEquals(NetworkWeights.classifier(6, 8, true, 10, 8, 1.0, 0.5, 3).flat(), back.weights().flat());
        assertEquals(7, back.options().seed());
        assertEquals(3, back.options().chipEpochs());
        assertEquals(List.of("a", "b", "c"), back.devices());
    }

    @Test
    void damagedDigitsFilesAreRefusedNamingTheField() throws Exception {
        Path f = digitsFile();
        String text = Files.readString(f);
        String[][] damage = {
            {"\"rows\" : 8", "\"rows\" : 4", "task.rows 4 x inputs 8"},
            {"\"classes\" : 10", "\"classes\" : 9", "weights"},
            {"\"name\" : \"digits\"", "\"name\" : \"letters\"", "task.name"},
            {"\"train_limit\" : 0", "\"train_limit\" : -1", "train_limit"},
        };
        for (String[] d : damage) {
            assertTrue(text.contains(d[0]), d[0] + " in " + text);
            Path bad = dir.resolve("bad.json");
            Files.writeString(bad, text.replace(d[0], d[1]));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrainedNetworkFile.read(bad, "--weights"));
            assertTrue(e.getMessage().startsWith("--weights " + bad) && e.getMessage().contains(d[2]),
                    d[1] + ": " + e.getMessage());
        }
    }
}
