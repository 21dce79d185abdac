package io.spinloop.lab.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spinloop.drivers.analyzer.PowerVersusTime;
import org.junit.jupiter.api.Test;

/**
 * A list point is read from the zero-span bins its time falls in: the analyzer spaces N bins T/(N−1) over the sweep
 * time T, and the list's points last T/points, or a little less when the period was measured a little long.
 */
class PointReadingTest {

    /** Each list point's own level, in dBm: no two neighbours alike. */
    private static float level(int point) {
        return (float) (-60 + 7 * (point % 3) + 0.01 * point);
    }

    /**
     * A trace of {@code bins} bins spanning {@code points} read periods inclusively (bin i at i·T/(N−1), as the
     * analyzer gives), of a list whose points really last the read period over {@code periodRatio}: each bin shows
     * the level of the point its time falls in (past the list's end, a level of its own).
     */
    private static PowerVersusTime trace(int points, int bins, double readPeriodS, double periodRatio) {
        double sweep = points * readPeriodS;
        double truePeriod = readPeriodS / periodRatio;
        double[] t = new double[bins];
        float[] dbm = new float[bins];
        for (int i = 0; i < bins; i++) {
            t[i] = i * sweep / (bins - 1);
            int point = (int) Math.floor(t[i] / truePeriod);
            dbm[i] = point < points ? level(point) : -90f;
        }
        return new PowerVersusTime(t, dbm);
    }

    private static void assertEveryPointItsOwn(double[] dBm) {
        for (int k = 0; k < dBm.length; k++) {
            assertEquals(level(k), dBm[k], 1e-4, "list point " + k + " of " + dBm.length);
        }
    }

    @Test
    void everyPointIsReadInItsOwnTimeAtTwoBinsPerPoint() {
        // The configured pace's period read on 4,001 bins: 51.422 ms for 51.400, 0.04 % long. Bins counted as if
        // spaced T/N mixed each point's second bin with the next point's from the 93rd point on.
        PowerVersusTime pvt = trace(100, 200, 51.422e-3, 51.422 / 51.400);
        assertEveryPointItsOwn(ListPlayer.meanDbmPerPoint(pvt, 100));
    }

    @Test
    void everyPointIsReadInItsOwnTimeAtFourBinsPerPoint() {
        PowerVersusTime pvt = trace(100, 400, 51.422e-3, 51.422 / 51.400);
        assertEveryPointItsOwn(ListPlayer.meanDbmPerPoint(pvt, 100));
        // a long list at the fastest pace, its period read to a part in 10^5
        assertEveryPointItsOwn(ListPlayer.meanDbmPerPoint(trace(2500, 10000, 1.56667e-3, 1 + 1e-5), 2500));
    }

    @Test
    void aPeriodOffByAFifthOfAPointOverTheListIsStillReadRight() {
        // 0.2 % over 100 points: the last point's edges move by a fifth of a point, still outside its middle half
        assertEveryPointItsOwn(ListPlayer.meanDbmPerPoint(trace(100, 400, 1e-3, 1.002), 100));
    }

    @Test
    void theMiddleHalfIsAveragedInWatts() {
        // 4 bins per point, an exact period: bins at 0, 1/4 (+), 1/2 (+), 3/4 (+, the edge of the middle half kept)
        int points = 3;
        int bins = 4 * points + 1;
        double[] t = new double[bins];
        float[] dbm = new float[bins];
        for (int i = 0; i < bins; i++) {
            t[i] = i * 0.25; // s: a period of 1 s, binary-exact fractions
            dbm[i] = i % 4 == 1 ? -30f : -40f;
        }
        double[] w = new double[points];
        ListPlayer.wattsPerPoint(new PowerVersusTime(t, dbm), points, w);
        for (double v : w) {
            assertEquals((1e-6 + 1e-7 + 1e-7) / 3, v, 1e-15);
        }
    }

    @Test
    void aTraceWithFewerBinsThanPointsIsRefused() {
        PowerVersusTime pvt = trace(10, 5, 1e-3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ListPlayer.meanDbmPerPoint(pvt, 10));
        assertEquals(true, e.getMessage().contains("without a bin"), e.getMessage());
    }
}
