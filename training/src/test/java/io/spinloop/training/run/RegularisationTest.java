package io.spinloop.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinloop.autodiff.Adam;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.Parameters;
import io.spinloop.training.data.SequenceDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegularisationTest {

    private static TrainingConfig small(int epochs, Regularisation r) {
        return TrainerTest.small(ModelKind.SPINTRONIC, epochs, 2).withRegularisation(r);
    }

    @Test
    void badValuesNameTheirOption() {
        assertEquals("--weight-decay", assertThrows(InvalidOptionException.class,
                () -> new Regularisation(-0.1, 0, 0)).option());
        assertEquals("--input-noise", assertThrows(InvalidOptionException.class,
                () -> new Regularisation(0, Double.NaN, 0)).option());
        InvalidOptionException v = assertThrows(InvalidOptionException.class, () -> new Regularisation(0, 0, 0.7));
        assertEquals("--validation", v.option());
        assertTrue(v.getMessage().contains("0.7"), v.getMessage());
    }

    @Test
    void validationIsHeldOutOfTheTrainingHalfAndTheTestHalfIsUntouched() {
        TrainingConfig plain = small(1, Regularisation.NONE);
        TrainingConfig held = small(1, new Regularisation(0, 0, 0.25));
        RunDirectory.Parts a = RunDirectory.parts(plain);
        RunDirectory.Parts b = RunDirectory.parts(held);
        assertEquals(null, a.validation());
        assertEquals(a.train().size(), b.train().size() + b.validation().size());
        assertEquals(40, b.validation().size());
        assertTrue(Arrays.equals(a.test().labels(), b.test().labels()));
        Set<double[]> trainRows = new HashSet<>(Arrays.asList(b.train().sequences()));
        for (double[] row : b.validation().sequences()) {
            assertTrue(!trainRows.contains(row), "a validation image is also trained on");
        }
    }

    @Test
    void aRunWithValidationKeepsTheWeightsOfTheEpochItChooses(@TempDir Path tmp) throws Exception {
        TrainingConfig c = small(4, new Regularisation(0, 0, 0.25));
        RunDirectory.Result r = new RunDirectory(tmp).train(c, m -> { });
        int chosen = RunDirectory.selectedEpoch(r.history());
        assertTrue(chosen >= 0);
        for (EpochMetrics m : r.history()) {
            assertTrue(m.validationAccuracy() <= r.history().get(chosen).validationAccuracy());
        }
        assertEquals(r.history().get(chosen).testAccuracy(), r.reportedTestAccuracy(), 0.0);
        JsonNode metrics = RunDirectory.JSON.readTree(tmp.resolve(RunDirectory.METRICS).toFile());
        assertEquals(chosen, metrics.get("selected_epoch").asInt());
        assertEquals(40, metrics.get("validation_images").asInt());
        assertTrue(metrics.get("epochs").get(0).has("validationAccuracy"));
        // The kept weights are those after the chosen epoch: their checkpoint says how many epochs it had seen.
        assertEquals(chosen + 1, Checkpoint.info(tmp.resolve(RunDirectory.SELECTED_WEIGHTS)).epochsDone());
    }

    @Test
    void inputNoiseIsReproducibleAndChangesTraining() {
        List<EpochMetrics> clean = epochs(small(2, Regularisation.NONE));
        List<EpochMetrics> noisyA = epochs(small(2, new Regularisation(0, 0.2, 0)));
        List<EpochMetrics> noisyB = epochs(small(2, new Regularisation(0, 0.2, 0)));
        assertEquals(noisyA.get(1).testLoss(), noisyB.get(1).testLoss(), 0.0);
        assertNotEquals(clean.get(1).testLoss(), noisyA.get(1).testLoss());
    }

    @Test
    void weightDecayShrinksWeightsButNotBiases() {
        TrainingConfig none = small(1, Regularisation.NONE);
        TrainingConfig decayed = small(1, new Regularisation(5.0, 0, 0));
        Parameters a = trainedParameters(none);
        Parameters b = trainedParameters(decayed);
        double wa = norm(a.get("layer1.w_intra"));
        double wb = norm(b.get("layer1.w_intra"));
        assertTrue(wb < 0.9 * wa, "decayed weights " + wb + " vs " + wa);
        // Biases follow the same gradient path; decay must not be what moves them (they start at 0 either way).
        assertTrue(norm(b.get("layer1.bias")) > 0);
        // What decay skips is marked on the parameter, not guessed from its name.
        assertTrue(b.get("layer1.w_intra").decays() && b.get("readout.w").decays());
        assertTrue(!b.get("layer1.bias").decays() && !b.get("readout.bias").decays());
    }

    @Test
    void aLongHistoryRoundTripsThroughACheckpoint(@TempDir Path tmp) {
        // 600 epochs of JSON history (~100 kB) was past what one jHDF attribute can hold; the table is not.
        List<EpochMetrics> h = new ArrayList<>();
        for (int e = 0; e < 600; e++) {
            h.add(new EpochMetrics(e, 0.1 / (e + 1), 1.0 / (e + 1), 0.5, 0.7, 0.8 + e * 1e-4, 0.25,
                    e % 2 == 0 ? Double.NaN : 0.6, e % 2 == 0 ? Double.NaN : 0.75));
        }
        Parameters p = new Parameters();
        p.add(Parameter.of("w", 1, 2, 1.0, 2.0));
        Path f = tmp.resolve("c.h5");
        Checkpoint.write(f, p, new Adam(), 600, "{}", h);
        assertEquals(h, Checkpoint.info(f).history());
    }

    private static List<EpochMetrics> epochs(TrainingConfig c) {
        RunDirectory.Parts d = RunDirectory.parts(c);
        List<EpochMetrics> out = new ArrayList<>();
        try (Trainer t = new Trainer(c, d.train(), d.validation(), d.test())) {
            for (int e = 0; e < c.epochs(); e++) {
                out.add(t.runEpoch());
            }
        }
        return out;
    }

    private static Parameters trainedParameters(TrainingConfig c) {
        RunDirectory.Parts d = RunDirectory.parts(c);
        Trainer t = new Trainer(c, d.train(), d.validation(), d.test());
        try (t) {
            t.runEpoch();
        }
        return t.network().parameters();
    }

    private static double norm(Parameter p) {
        return Math.sqrt(Arrays.stream(p.value().data()).map(v -> v * v).sum());
    }
}
