package io.spinloop.training.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.training.data.DigitsDataset;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.twin.neuron.ResponseTwin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The digits-on-the-bench classifier: its BPTT against finite differences, and that it learns on twin neurons. */
class SequenceClassifierTest {

    @Test
    void digitRowsCutEachImageIntoItsRows() {
        SequenceDataset d = DigitsDataset.load().head(3);
        DigitRows rows = DigitRows.of(d, 8);
        assertEquals(8, rows.steps());
        assertEquals(8, rows.width());
        assertEquals(d.sequences()[2][8 * 5 + 3], rows.inputs()[2][5][3]);
        assertEquals(d.labels()[1], rows.labels()[1]);
        assertThrows(IllegalArgumentException.class, () -> DigitRows.of(d, 7));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        for (boolean recurrent : new boolean[] {false, true}) {
            List<ResponseTwin> twins = List.of(NetworkGradientTest.twin("a", 0), NetworkGradientTest.twin("b", 0.1));
            SequenceClassifier net = new SequenceClassifier(DriveMap.of(twins), 3.0);
            DigitRows data = DigitRows.of(DigitsDataset.load().head(5), 4); // 4 steps of 16 pixels
            NetworkWeights w = NetworkWeights.classifier(3, 16, recurrent, 10, 4, 2.5, 0.8, 7);
            java.util.SplittableRandom r = new java.util.SplittableRandom(2);
            double[] v = w.flat();
            for (int i = 3 * 16 + 9 + 3; i < v.length; i++) {
                v[i] = 0.5 * r.nextGaussian(); // a non-zero readout, so every path carries gradient
            }
            w.set(v);
            TwinNeurons bank = new TwinNeurons(twins, DriveMap.of(twins), false, 0);
            double[] g = net.gradient(w, data, net.forward(w, data, bank, false));
            int checked = 0;
            for (int i = 0; i < v.length; i++) {
                if (!recurrent && i >= 3 * 16 && i < 3 * 16 + 9) {
                    assertEquals(0.0, g[i], "no gradient into absent recurrent weights");
                    continue;
                }
                double fd = WeightDifferences.central(w, v, i, 1e-6,
                        () -> net.loss(net.forward(w, data, bank, false), data));
                assertEquals(fd, g[i], 1e-6 + 1e-4 * Math.abs(fd), "weight " + i + " recurrent=" + recurrent);
                checked++;
            }
            assertTrue(checked > 150, "checked " + checked);
        }
    }

    @Test
    void noiseAwareTrainingOnTwinNeuronsLearnsDigits() {
        List<ResponseTwin> twins = List.of(NetworkGradientTest.twin("a", 0), NetworkGradientTest.twin("b", 0.1),
                NetworkGradientTest.twin("c", -0.05));
        DriveMap map = DriveMap.of(twins);
        SequenceClassifier net = new SequenceClassifier(map, 10.0);
        SequenceDataset.Split split = DigitsDataset.load().head(600).split(0.5, 1);
        DigitRows train = DigitRows.of(split.train(), 8);
        DigitRows test = DigitRows.of(split.test(), 8);
        NetworkWeights w = NetworkWeights.classifier(6, 8, false, 10, 8, 0.8, 0, 3);
        TwinNeurons noisy = new TwinNeurons(twins, map, true, 5);
        TwinNeurons det = new TwinNeurons(twins, map, false, 0);
        net.fitReadout(w, train, noisy, 1e-2);
        double before = net.score(w, test, det).accuracy();
        List<ClassifierTraining.Epoch> curve = ClassifierTraining.onTwin(net, w, train, test, noisy, det,
                new ClassifierTraining.Settings(15, 20, 0.02, 1.0, 4), null);
        double after = curve.get(curve.size() - 1).testAccuracy();
        assertTrue(after > 0.8, "test accuracy after training " + after);
        assertTrue(after > before, "training must improve on the ridge start: " + before + " -> " + after);
    }
}
