package io.spinloop.training.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.training.engine.LocalEngine;
import io.spinloop.training.neuron.Integrator;
import io.spinloop.training.run.Checkpoint;
import io.spinloop.training.run.ModelKind;
import io.spinloop.training.run.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ask/tell search on the local engine: pruned trials' tasks stop, a cut-off search resumes, weights only when asked. */
class TuningStudyOnEngineTest {
    static final List<Dimension> SPACE = List.of(new Dimension("tau", 1, 20, true), new Dimension("lr0", 0.005, 0.1, true));

    static TrainingConfig tiny(int epochs) {
        return new TrainingConfig("digits", ModelKind.CTRNN, epochs, 0, 0, 1.0, 5.0, 0.02, 8.0, 0.5, 0.5, 0.5, 1.0, 1, 4,
                24, 1.0, Integrator.EXACT, 1, 1.0, 1, 48, 24);
    }

    /** A search of 8 trials of 6 epochs, 3 random, pruning from the second epoch against one other trial. */
    static TuningStudy study(int trials, int parallel) {
        return new TuningStudy(tiny(6), new TpeSampler(SPACE, 7, 3, 0.25, 24), new MedianPruner(1, 1), trials, parallel, 0.25);
    }

    @Test
    void aPrunedTrialsTaskStopsAfterTheEpochTheDriverSaidStopTo(@TempDir Path tmp) {
        List<Trial> all = study(8, 1).run(new LocalEngine(), null, tmp.resolve("weights").toString(), t -> { });
        assertEquals(8, all.size());
        long pruned = all.stream().filter(t -> t.state() == Trial.State.PRUNED).count();
        assertTrue(pruned >= 1, "no trial pruned: the test needs one");
        for (Trial t : all) {
            if (t.state() == Trial.State.PRUNED) {
                assertTrue(t.intermediate().size() < 6, t.note());
                assertEquals(t.intermediate().size(), t.taskEpochs(), "trial " + t.number() + " trained on after 'stop'");
            } else {
                assertEquals(Trial.State.COMPLETE, t.state(), t.note());
                assertEquals(6, t.taskEpochs());
            }
            // Asked for, each trial's weights are in the directory, of the epochs it trained.
            Path w = tmp.resolve("weights/trial-" + t.number() + ".h5");
            assertEquals(t.taskEpochs(), Checkpoint.info(w).epochsDone(), w.toString());
        }
    }

    @Test
    void withoutAWeightsDirectoryNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        TuningStudy s = study(2, 2);
        s.run(new LocalEngine(), s.results(out.resolve("trials-done.csv")), null, t -> { });
        try (var files = Files.list(out)) {
            assertEquals(List.of(out.resolve("trials-done.csv")), files.toList());
        }
    }

    @Test
    void aSearchCutOffAfterThreeTrialsResumesFromItsFileAndEndsAsOneStraightThrough(@TempDir Path tmp) throws Exception {
        TuningStudy whole = study(8, 1);
        Path wholeFile = tmp.resolve("whole/trials-done.csv");
        whole.run(new LocalEngine(), whole.results(wholeFile), null, t -> { });
        List<String> rows = Files.readAllLines(wholeFile);
        assertEquals(9, rows.size());

        // The driver installs the file whole after each trial: killed after three, it leaves their rows.
        Path cutFile = tmp.resolve("cut/trials-done.csv");
        Files.createDirectories(cutFile.getParent());
        Files.write(cutFile, rows.subList(0, 4));
        TuningStudy resumed = study(8, 1);
        List<Integer> ran = new ArrayList<>();
        List<Trial> all = resumed.run(new LocalEngine(), resumed.results(cutFile), null, t -> ran.add(t.number()));
        assertEquals(List.of(3, 4, 5, 6, 7), ran);
        assertEquals(8, all.size());
        assertEquals(rows, Files.readAllLines(cutFile));

        // Another search's rows are refused, not mixed in.
        TuningStudy other = new TuningStudy(tiny(5), new TpeSampler(SPACE, 7, 3, 0.25, 24), new MedianPruner(1, 1), 8, 1, 0.25);
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> other.run(new LocalEngine(), other.results(cutFile), null, t -> { }));
        assertTrue(e.getMessage().contains("another search"), e.getMessage());
        assertFalse(Files.readAllLines(cutFile).size() > 9);
    }
}
