package io.spinloop.app.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.app.Cli;
import io.spinloop.app.TestBenches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights and twin files are told apart by their content: a file of another kind is called what it is. */
class FileKindMessagesTest {
    @TempDir
    Path dir;

    @Test
    void aTextFileIsNotCalledATwinWhateverItsName() throws Exception {
        Path txt = Files.writeString(dir.resolve("x.txt"), "hello\n");
        Path h5 = Files.writeString(dir.resolve("twin-stno-a.h5"), "hello\n");
        for (ChipExperiment.TwinKind kind : ChipExperiment.TwinKind.values()) {
            for (Path p : List.of(txt, h5)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> NeuronTwinFiles.load(List.of(p), kind, null, "--twins"));
                assertEquals("--twins " + p + ": not a twin file (it is a text file)", e.getMessage());
            }
        }
        Path json = Files.writeString(dir.resolve("response-twin-stno-a.json"), "{\"format\": \"x\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeuronTwinFiles.load(List.of(json), ChipExperiment.TwinKind.SDE, null, "--twins"));
        assertTrue(e.getMessage().startsWith("--twins " + json + ": a JSON file, not a neural-SDE twin"),
                e.getMessage());
    }

    @Test
    void weightsThatAreNotJsonAreCalledWhatTheyAre() throws Exception {
        Path txt = Files.writeString(dir.resolve("w.json"), "weights: 1 2 3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainedNetworkFile.read(txt, "--weights"));
        assertTrue(e.getMessage().startsWith("--weights " + txt + ": not chip-network weights (it is a text file"),
                e.getMessage());
        Path bin = Files.write(dir.resolve("w2.json"), new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n',
            0, 0, 0});
        e = assertThrows(IllegalArgumentException.class, () -> TrainedNetworkFile.read(bin, "--weights"));
        assertTrue(e.getMessage().contains("(it is an HDF5 file"), e.getMessage());

        Cli.Result r = Cli.run("deploy", "--config", TestBenches.defaultBench().toString(), "--weights",
                txt.toString(), "--twins", dir.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("spinloop deploy: --weights " + txt + ": not chip-network weights (it is a text file; weights "
                + "are JSON, written by spinloop demo, train-on-twin or chip-train)", r.err().strip());
    }
}
