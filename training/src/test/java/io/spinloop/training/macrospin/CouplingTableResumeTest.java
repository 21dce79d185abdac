package io.spinloop.training.macrospin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.training.engine.LocalEngine;
import io.spinloop.training.run.RunDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coupling table on the engine: two at a time equals one at a time, and a table cut off resumes from cells.csv. */
class CouplingTableResumeTest {
    static CouplingTable tiny(int epochs) {
        return new CouplingTable(new double[] {1, 10}, List.of(TrainedParts.FULL, TrainedParts.OUT), 3, epochs, 32, 1, 1);
    }

    @Test
    void aTableCutOffAfterTwoRunsTrainsOnlyTheOthersAndEndsAsOneStraightThrough(@TempDir Path tmp) throws Exception {
        double[][] straight = tiny(1).run(new LocalEngine(), 1, tmp.resolve("whole"), r -> { });
        double[][] inProcess = tiny(1).run(r -> { });
        List<String> rows = Files.readAllLines(tmp.resolve("whole/cells.csv"));
        assertEquals(5, rows.size(), String.join("\n", rows));
        for (int r = 0; r < 2; r++) {
            assertArrayEquals(inProcess[r], straight[r]);
        }

        Path cut = tmp.resolve("cut");
        Files.createDirectories(cut);
        Files.write(cut.resolve("cells.csv"), rows.subList(0, 3));
        assertEquals(2, tiny(1).done(cut));
        List<String> trained = new ArrayList<>();
        double[][] resumed = tiny(1).run(new LocalEngine(), 2, cut, r -> trained.add(r.coupling() + "/" + r.parts()));
        assertEquals(4, trained.size(), "the two read back, then the two trained: " + trained);
        for (int r = 0; r < 2; r++) {
            assertArrayEquals(straight[r], resumed[r]);
        }
        assertEquals(4, Files.readAllLines(cut.resolve("cells.csv")).size() - 1);

        RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> tiny(2).run(new LocalEngine(), 1, cut, r -> { }));
        assertTrue(e.getMessage().contains("cells.csv"), e.getMessage());
    }
}
