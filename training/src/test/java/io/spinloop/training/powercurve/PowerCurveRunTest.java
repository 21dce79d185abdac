package io.spinloop.training.powercurve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.macrospin.MacrospinRun;
import io.spinloop.training.macrospin.MacrospinTrainer;
import io.spinloop.training.macrospin.TrainedParts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runs of the papers' p(I) network and macrospins, callable without a command line. */
class PowerCurveRunTest {

    @Test
    void theDefaultsAreSeed003s() {
        PowerCurveRun spiral = PowerCurveRun.defaults(ClassificationTask.SPIRAL);
        assertEquals(List.of(32, 5, 300, 32), List.of(spiral.oscillators(), spiral.steps(), spiral.epochs(), spiral.batch()));
        assertEquals(PowerCurveNetworkConfig.spiral(32, 5), spiral.config());
        PowerCurveRun digits = PowerCurveRun.defaults(ClassificationTask.DIGITS);
        assertEquals(List.of(64, 2, 40, 32), List.of(digits.oscillators(), digits.steps(), digits.epochs(), digits.batch()));
        assertEquals(PowerCurveNetworkConfig.digits(2), digits.config());
        assertEquals(new PowerCurveTrainer.Options(40, 32, 0.003, 10, 1.0, 9), digits.options(9));
        assertEquals(ClassificationTask.SPIRAL, ClassificationTask.named("Spiral").orElseThrow());
    }

    @Test
    void aRunTrainsAsTheTrainerDoes() {
        SequenceDataset.Split split = SpiralTask.generate(2).split(0.8, 3, SequenceDataset.Split.Rounding.NEAREST);
        PowerCurveRun run = PowerCurveRun.defaults(ClassificationTask.SPIRAL).withOscillators(8).withEpochs(2);
        List<PowerCurveTrainer.Epoch> viaRun = run.train(run.network(3), split, 3, null);
        List<PowerCurveTrainer.Epoch> direct = PowerCurveTrainer.train(
                new PowerCurveNetwork(PowerCurveNetworkConfig.spiral(8, 5), 3), split.train(), split.test(),
                new PowerCurveTrainer.Options(2, 32, 0.01, 100, 1.0, 3), null);
        for (int e = 0; e < 2; e++) {
            assertEquals(direct.get(e).trainLoss(), viaRun.get(e).trainLoss(), 0.0);
            assertEquals(direct.get(e).testAccuracy(), viaRun.get(e).testAccuracy(), 0.0);
        }
    }

    @Test
    void aMacrospinRunTakesItsInputsFromTheData() {
        SequenceDataset.Split split = SpiralTask.generate(40, 0.5, 0.02, 4).split(0.8, 4, SequenceDataset.Split.Rounding.NEAREST);
        MacrospinRun run = new MacrospinRun(3, 10, TrainedParts.FULL, 1, 16);
        assertEquals(2, run.config(split.train().inputs(), split.train().classes()).inputs());
        List<MacrospinTrainer.Epoch> h = run.train(split, 4, null);
        assertEquals(1, h.size());
    }
}
