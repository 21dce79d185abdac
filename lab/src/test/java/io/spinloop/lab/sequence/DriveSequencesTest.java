package io.spinloop.lab.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DriveSequencesTest {
    @Test
    void sequencesStayInRangeRespectTheStepLimitAndReturnToTheMiddle() {
        DriveSequences gen = new DriveSequences(0.5e-3, 2.5e-3, 4e-4);
        double[][] seq = gen.generate(6, 100, 7);
        assertEquals(6, seq.length);
        for (double[] s : seq) {
            assertEquals(100, s.length);
            double prev = gen.midA();
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (double v : s) {
                assertTrue(v >= 0.5e-3 - 1e-15 && v <= 2.5e-3 + 1e-15, "in range: " + v);
                assertTrue(Math.abs(v - prev) <= 4e-4 + 1e-15, "step " + (v - prev));
                prev = v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            assertTrue(Math.abs(s[s.length - 1] - gen.midA()) <= 4e-4 + 1e-15, "ends near the middle");
            assertTrue(hi - lo >= 0.4e-3, "explores a fifth of the range at least: " + lo + " .. " + hi);
        }
        assertArrayEquals(seq[0], gen.generate(6, 100, 7)[0], "reproducible from the seed");
    }
}
