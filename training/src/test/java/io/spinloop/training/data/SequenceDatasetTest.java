package io.spinloop.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.training.data.SequenceDataset.Split.Rounding;
import io.spinloop.training.powercurve.DigitsTask;
import io.spinloop.training.powercurve.SpiralTask;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one labelled-dataset type: feature vectors as one-step sequences, and the two roundings of a split. */
class SequenceDatasetTest {

    private static SequenceDataset rows(int n) {
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {i, -i};
            y[i] = i % 2;
        }
        return SequenceDataset.ofFeatures(x, y, 2);
    }

    @Test
    void featureVectorsAreOneStepOfAllTheirValues() {
        SequenceDataset d = rows(5);
        assertEquals(2, d.inputs());
        assertEquals(1, d.steps());
        SequenceDataset digits = DigitsTask.load();
        assertEquals(64, digits.inputs());
        assertEquals(1, digits.steps());
        SequenceDataset sequential = DigitsDataset.load();
        assertEquals(64, sequential.steps());
        assertSame(sequential.sequences()[3], sequential.asOneStep().sequences()[3], "rows are shared, not copied");
    }

    @Test
    void featureVectorsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> SequenceDataset.ofFeatures(new double[0][], new int[0], 2));
        assertThrows(IllegalArgumentException.class,
                () -> SequenceDataset.ofFeatures(new double[][] {{1, 2}, {3}}, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class,
                () -> SequenceDataset.ofFeatures(new double[][] {{1}, {3}}, new int[] {0, 2}, 2));
    }

    @Test
    void theRoundingsCutTheSamePermutationAtTheirOwnPlace() {
        SequenceDataset d = rows(9); // 9 x 0.8 = 7.2: up 8, nearest 7
        SequenceDataset.Split up = d.split(0.8, 3);
        SequenceDataset.Split nearest = d.split(0.8, 3, Rounding.NEAREST);
        assertEquals(8, up.train().size());
        assertEquals(7, nearest.train().size());
        assertEquals(up.train().size(), d.split(0.8, 3, Rounding.UP).train().size());
        for (int i = 0; i < 7; i++) {
            assertSame(up.train().sequences()[i], nearest.train().sequences()[i]);
        }
        assertSame(up.train().sequences()[7], nearest.test().sequences()[0]);
    }

    @Test
    void nearestKeepsBothPartsNonEmptyAsTheFeatureSetsDid() {
        assertThrows(IllegalArgumentException.class, () -> rows(2).split(0.8, 1, Rounding.NEAREST));
        assertEquals(0, rows(2).split(0.8, 1).test().size(), "rounding up allows an empty test part, as before");
    }

    @Test
    void thePapersSplitsDoNotDependOnTheRounding() {
        for (SequenceDataset d : new SequenceDataset[] {SpiralTask.generate(1), DigitsTask.load()}) {
            SequenceDataset.Split up = d.split(0.8, 5);
            SequenceDataset.Split nearest = d.split(0.8, 5, Rounding.NEAREST);
            assertArrayEquals(up.train().labels(), nearest.train().labels());
            assertArrayEquals(up.test().labels(), nearest.test().labels());
        }
        assertTrue(IntStream.of(SpiralTask.generate(1).labels()).allMatch(l -> l == 0 || l == 1));
    }
}
