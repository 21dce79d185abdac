package io.spinloop.training.macrospin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.autodiff.GradientCheck;
import io.spinloop.autodiff.LossOps;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.powercurve.SpiralTask;
import io.spinloop.twin.physics.MacrospinParameters;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MacrospinNetworkTest {

    private static MacrospinNetworkConfig tiny(double coupling) {
        return new MacrospinNetworkConfig(2, 3, 2, coupling, 2, 50e-12, 1, MacrospinParameters.SEED_002.withTemperature(0),
                1750, 5e-3, 0.0055);
    }

    @Test
    void gradientsOfEveryParameterGroupMatchFiniteDifferences() {
        MacrospinNetwork net = new MacrospinNetwork(tiny(100), 3);
        SequenceDataset data = SpiralTask.generate(4, 1.5, 0.05, 2);
        int[] labels = data.labels();
        java.util.function.Function<Tape, Tensor> loss =
                tape -> LossOps.softmaxCrossEntropy(tape, net.logits(tape, data.sequences(), 0, 4), labels);
        GradientCheck.of(loss, List.of(net.input().get("W_in").value(), net.output().get("W_out").value(),
                net.output().get("b_out").value()), 1e-6).assertWithin(1e-6);
        GradientCheck.of(loss, List.of(net.physical().get("H_appl").value()), 1e-3).assertWithin(1e-5);
        GradientCheck.of(loss, List.of(net.physical().get("j_DC").value()), 1e-8).assertWithin(1e-5);
        GradientCheck.of(loss, List.of(net.physical().get("alpha").value()), 1e-7).assertWithin(1e-5);
    }

    @Test
    void theSixConfigurationsAreTheSeedsTableRows() {
        assertEquals(6, TrainedParts.all().size());
        assertEquals(TrainedParts.FULL, TrainedParts.parse("1"));
        assertEquals(TrainedParts.OUT_PHYSICAL, TrainedParts.parse("out-physical"));
        assertEquals("W_in + physical + W_out", TrainedParts.FULL.label());
        assertThrows(IllegalArgumentException.class, () -> TrainedParts.parse("7"));
    }

    @Test
    void frozenPartsStayFrozenAndTrainedPartsLearn() {
        SequenceDataset.Split split = SpiralTask.generate(200, 0.5, 0.02, 4).split(0.8, 4);
        MacrospinNetworkConfig config = new MacrospinNetworkConfig(2, 8, 2, 10, 10, 50e-12, 1,
                MacrospinParameters.SEED_002.withTemperature(0), 1750, 5e-3, 0.0055);
        MacrospinNetwork net = new MacrospinNetwork(config, 4);
        double[] win = net.input().get("W_in").value().data().clone();
        double[] h0 = net.fields();
        List<MacrospinTrainer.Epoch> h = MacrospinTrainer.train(net, TrainedParts.OUT_PHYSICAL, split.train(), split.test(),
                new MacrospinTrainer.Options(8, 16, 1e-2, 1.0, 1e-6, 0.85, 4), null);
        org.junit.jupiter.api.Assertions.assertArrayEquals(win, net.input().get("W_in").value().data());
        assertNotEquals(h0[0], net.fields()[0]);
        assertTrue(h.get(h.size() - 1).trainLoss() < h.get(0).trainLoss(), "loss must fall: " + h);
        assertTrue(h.get(h.size() - 1).testAccuracy() > 0.6, "half a spiral turn is easy: " + h.get(h.size() - 1));
    }

    @Test
    void couplingMagnitudeChangesTheDynamics() {
        double[][] x = {{0.2, 0.9}};
        Tape tape = new Tape();
        double[] weak = new MacrospinNetwork(tiny(0.1), 1).logits(tape, x, 0, 1).data().clone();
        double[] strong = new MacrospinNetwork(tiny(100), 1).logits(new Tape(), x, 0, 1).data().clone();
        assertTrue(Math.abs(weak[0] - strong[0]) > 1e-6, "same seed, coupling 0.1 vs 100 Oe must differ");
        assertEquals(0.0, new Random(0).nextGaussian() * 0, 0.0);
    }
}
