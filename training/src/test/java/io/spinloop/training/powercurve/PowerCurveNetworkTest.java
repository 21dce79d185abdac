package io.spinloop.training.powercurve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.autodiff.GradientCheck;
import io.spinloop.autodiff.LossOps;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.twin.physics.PowerCurve;
import io.spinloop.twin.physics.PowerCurveArray;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PowerCurveNetworkTest {

    @Test
    void backPropagationThroughTimeMatchesFiniteDifferences() {
        PowerCurveNetworkConfig config = new PowerCurveNetworkConfig(2, 3, 4, 3, 0.5, 0.4, 1.0, 0.3, 1.2, 6.0);
        PowerCurveNetwork net = new PowerCurveNetwork(config, 5);
        SequenceDataset data = SpiralTask.generate(6, 1.5, 0.05, 3);
        int[] labels = {0, 1, 2, 0, 1, 2};
        // devices with spread: the adjoint must hold for any curves, not only identical ones
        PowerCurveArray devices = net.seedDevices().withSpreadInA(0.3, new Random(2));
        List<Tensor> inputs = net.parameters().list().stream().map(Parameter::value).toList();
        GradientCheck check = GradientCheck.of(tape -> LossOps.softmaxCrossEntropy(tape,
                net.logits(tape, net.finalPowers(tape, net.initialPowers(data.sequences(), 0, 6), devices)), labels),
                inputs);
        check.assertWithin(1e-6);
        assertEquals(4 * (9 + 3) + 9 + 3, check.checkedElements());
    }

    @Test
    void forwardPassIsTheSeedsRecursion() {
        PowerCurveNetworkConfig config = PowerCurveNetworkConfig.spiral(2, 2);
        PowerCurveNetwork net = new PowerCurveNetwork(config, 9);
        double[][] x = {{0.3, -0.7}};
        Tensor p = net.finalPowers(new Tape(), net.initialPowers(x, 0, 1), net.seedDevices());
        // by hand: p(0) = 0.5 + 0.4 x, then p_i <- p((sum_j p_j A_ji + B_i)^2) twice
        double[] q = {0.5 + 0.4 * 0.3, 0.5 - 0.4 * 0.7};
        for (int t = 0; t < 2; t++) {
            double[] a = net.controlMatrix(t);
            double[] b = net.controlBias(t);
            double[] next = new double[2];
            for (int i = 0; i < 2; i++) {
                double z = q[0] * a[i] + q[1] * a[2 + i] + b[i];
                next[i] = PowerCurve.SEED_003.power(z * z);
            }
            q = next;
        }
        assertArrayEquals(q, p.data(), 1e-15);
    }

    @Test
    void spiralIsBalancedSeededAndOfTheSeedsSize() {
        SequenceDataset a = SpiralTask.generate(4);
        SequenceDataset b = SpiralTask.generate(4);
        assertEquals(1000, a.size());
        assertArrayEquals(a.sequences()[17], b.sequences()[17]);
        int ones = 0;
        for (int l : a.labels()) {
            ones += l;
        }
        assertEquals(500, ones);
        SequenceDataset.Split split = a.split(0.8, 1);
        assertEquals(800, split.train().size());
        assertEquals(200, split.test().size());
        // the arms: a class-0 point at radius r lies near angle 3 pi r
        double[] p = a.sequences()[0];
        assertTrue(Math.hypot(p[0], p[1]) < 1.3);
    }

    @Test
    void trainsOnTheSpiralWellAboveChance() {
        SequenceDataset.Split split = SpiralTask.generate(1).split(0.8, 1);
        PowerCurveNetwork net = new PowerCurveNetwork(PowerCurveNetworkConfig.spiral(32, 5), 1);
        double before = net.accuracy(split.test(), net.seedDevices());
        List<PowerCurveTrainer.Epoch> h = PowerCurveTrainer.train(net, split.train(), split.test(),
                new PowerCurveTrainer.Options(150, 32, 0.01, 100, 1.0, 1), null);
        double after = h.get(h.size() - 1).testAccuracy();
        // 200 test points: chance is 0.5 +- 0.035; a trained network must be far above it
        assertTrue(after > 0.85, "test accuracy after 150 epochs " + after + " (before " + before + ")");
        assertTrue(h.get(h.size() - 1).trainLoss() < h.get(0).trainLoss());
    }
}
