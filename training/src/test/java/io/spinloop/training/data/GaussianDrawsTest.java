package io.spinloop.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The draws are java.util.Random's, bit for bit: the training's input noise must not change with the generator. */
class GaussianDrawsTest {

    @Test
    void drawsTheSameDeviatesAsJavaUtilRandom() {
        for (long seed : new long[] {0, 1, -1, 7, 0x5DEECE66DL, Long.MIN_VALUE, Long.MAX_VALUE, 123_456_789_012L}) {
            Random reference = new Random(seed);
            GaussianDraws draws = new GaussianDraws(seed);
            for (int i = 0; i < 100_000; i++) {
                double expected = reference.nextGaussian();
                double got = draws.next();
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got),
                        "seed " + seed + ", draw " + i + ": " + expected + " against " + got);
            }
        }
    }
}
