package io.spinloop.training.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.training.run.ModelKind;
import io.spinloop.training.run.Regularisation;
import io.spinloop.training.run.TrainingConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TuningStudyTest {

    @Test
    void searchedValuesReplaceTheBaseOnesIncludingRegularisers() {
        TrainingConfig base = TrainingConfig.defaults(ModelKind.SPINTRONIC)
                .withRegularisation(new Regularisation(0.0, 0.05, 0.2));
        TrainingConfig c = TuningStudy.apply(base, Map.of("tau", 9.0, "input_noise", 0.3, "weight_decay", 0.01));
        assertEquals(9.0, c.tauNs());
        assertEquals(base.lr0(), c.lr0());
        assertEquals(0.3, c.regularisation().inputNoise());
        assertEquals(0.01, c.regularisation().weightDecay());
        // The validation fraction is the study's, not a searched value.
        assertEquals(0.2, c.regularisation().validation());
    }

    @Test
    void unknownNamesAreRefusedWithTheSearchableOnes() {
        TpeSampler sampler = new TpeSampler(List.of(new Dimension("dropout", 0.1, 0.5, false)), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TuningStudy(
                TrainingConfig.defaults(ModelKind.SPINTRONIC), sampler, new MedianPruner(1, 1), 1, 1, 0.2));
        assertTrue(e.getMessage().contains("dropout") && e.getMessage().contains("input_noise"), e.getMessage());
    }
}
