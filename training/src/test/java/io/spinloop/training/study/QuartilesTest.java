package io.spinloop.training.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuartilesTest {
    @Test
    void matchesNumpyLinearInterpolation() {
        // numpy.percentile([1..10], [25, 50, 75]) = 3.25, 5.5, 7.75
        Quartiles q = Quartiles.of(new double[] {10, 1, 9, 2, 8, 3, 7, 4, 6, 5});
        assertEquals(3.25, q.q1(), 1e-12);
        assertEquals(5.5, q.median(), 1e-12);
        assertEquals(7.75, q.q3(), 1e-12);
        assertEquals(10, q.n());
        Quartiles one = Quartiles.of(new double[] {0.9});
        assertEquals(0.9, one.median());
        assertEquals(0.9, one.q1());
    }
}
