package io.spinloop.twin.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.twin.SequenceData;
import io.spinloop.twin.model.AutoOscillator;
import io.spinloop.twin.model.NeuralSde;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A twin fit from recorded sequences to a twin record, as {@code twin fit} runs it, without a command line. */
class TwinFitJobTest {

    private static RecordedSequences recording() {
        SequenceData data = NeuralSdeFitTest.quasiStaticTeacherData(12, 4, 20, 3);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("data_files", "teacher");
        prov.put("data_physically_measurable", true);
        return new RecordedSequences(data, prov);
    }

    @Test
    void aNeuralSdeFitCarriesItsProvenanceAndTheHeldOutSequences() {
        FitOptions opt = new FitOptions(2, 128, 2e-2, 2, 0.25, 7, 1, Objective.LIKELIHOOD, 24);
        List<String> progress = new ArrayList<>();
        TwinFitJob.Result r = TwinFitJob.fit(recording(), new TwinFitJob.Settings(TwinFitJob.Model.NEURAL_SDE, true,
                opt, 0, 8, 0, false, 7, 0.25), "a test", progress::add);
        Map<String, Object> prov = r.record().provenance();
        assertEquals(Set.of("data_files", "data_physically_measurable", "fitted_utc", "seed", "held_out_fraction",
                "command", "log_power", "drive_history", "model", "objective", "epochs_run", "best_epoch", "fit_seconds",
                "training_sequences", "held_out_sequences", "kernel_precision"), prov.keySet());
        assertEquals("float32", prov.get("kernel_precision"));
        assertEquals("neural-sde", prov.get("model"));
        assertEquals("a test", prov.get("command"));
        assertTrue(r.record().twin().model() instanceof NeuralSde);
        assertEquals(3, r.heldOut().sequences(), "a quarter of 12 sequences held out");
        assertEquals(List.of("objective", "best_epoch", "fit_seconds"), List.copyOf(r.summary().keySet()));
        assertTrue(!progress.isEmpty(), "progress reported");
    }

    @Test
    void theAutoOscillatorIsIdentifiedWithStandardErrors() {
        TwinFitJob.Result r = TwinFitJob.fit(recording(), new TwinFitJob.Settings(TwinFitJob.Model.AUTO_OSCILLATOR,
                true, null, 0, 16, 0, false, 1, 0.25), "a test", s -> { });
        assertTrue(r.record().twin().model() instanceof AutoOscillator);
        assertEquals("auto-oscillator", r.record().provenance().get("model"));
        assertTrue(r.record().provenance().keySet().stream().anyMatch(k -> k.startsWith("standard_error_")));
        assertTrue(r.summary().values().stream().allMatch(v -> v instanceof Map<?, ?> m && m.containsKey("standard_error")));
    }
}
