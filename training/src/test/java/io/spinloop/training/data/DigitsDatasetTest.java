package io.spinloop.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DigitsDatasetTest {

    @Test
    void loadsAllImagesAsScaledPixelSequences() {
        SequenceDataset d = DigitsDataset.load();
        assertEquals(1797, d.size());
        assertEquals(64, d.steps());
        int[] perClass = new int[10];
        for (int i = 0; i < d.size(); i++) {
            perClass[d.labels()[i]]++;
            for (double v : d.sequences()[i]) {
                assertTrue(v >= 0 && v <= 1);
            }
        }
        for (int c : perClass) {
            assertTrue(c > 170 && c < 190, "class sizes of the digits set are 174..183");
        }
        // First image of the file: row "0,0,5,13,9,1,0,0,..." label 0.
        assertEquals(5 / 16.0, d.sequences()[0][2]);
        assertEquals(0, d.labels()[0]);
    }

    @Test
    void splitIsHalfAndHalfDisjointAndFixedBySeed() {
        SequenceDataset d = DigitsDataset.load();
        SequenceDataset.Split a = d.split(0.5, 0);
        SequenceDataset.Split b = d.split(0.5, 0);
        assertEquals(899, a.train().size());
        assertEquals(898, a.test().size());
        assertArrayEquals(a.train().labels(), b.train().labels());
        Set<double[]> train = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        train.addAll(java.util.Arrays.asList(a.train().sequences()));
        for (double[] s : a.test().sequences()) {
            assertTrue(!train.contains(s));
        }
        Set<Integer> differ = new HashSet<>();
        SequenceDataset.Split c = d.split(0.5, 1);
        for (int i = 0; i < 50; i++) {
            differ.add(a.train().labels()[i] == c.train().labels()[i] ? 0 : 1);
        }
        assertTrue(differ.contains(1), "another split seed gives another split");
    }

    @Test
    void malformedRowsAreReportedWithLine() {
        String csv = "0,".repeat(64) + "3\n" + "0,".repeat(63) + "17,2\n";
        IOException e = assertThrows(IOException.class, () -> DigitsDataset.parse(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.US_ASCII)), "test.csv"));
        assertTrue(e.getMessage().contains("test.csv line 2"), e.getMessage());
    }
}
