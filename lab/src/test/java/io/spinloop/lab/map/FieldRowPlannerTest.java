package io.spinloop.lab.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link FieldRowPlanner}: a coarse uniform pass with both ends, then rows where f(y) is steepest; the budget is
 * kept; the same measured rows give the same choice (what a resumed run relies on).
 */
class FieldRowPlannerTest {
    /** Plans a whole budget over f(y) = √y GHz (steep at low y), returning which rows were measured. */
    private static boolean[] plan(double[] y, int budget) {
        boolean[] measured = new boolean[y.length];
        double[] line = new double[y.length];
        for (int r = FieldRowPlanner.next(y, measured, line, budget); r >= 0;
             r = FieldRowPlanner.next(y, measured, line, budget)) {
            assertTrue(!measured[r], "row " + r + " twice");
            measured[r] = true;
            line[r] = 1e9 * Math.sqrt(y[r]);
        }
        return measured;
    }

    /** The largest change of f between neighbouring measured rows. */
    private static double largestStep(double[] y, boolean[] measured) {
        double worst = 0;
        int prev = -1;
        for (int r = 0; r < y.length; r++) {
            if (measured[r]) {
                if (prev >= 0) {
                    worst = Math.max(worst, Math.sqrt(y[r]) - Math.sqrt(y[prev]));
                }
                prev = r;
            }
        }
        return worst;
    }

    @Test
    void theCoarsePassHasBothEndsAndTheRestGoesWhereTheLineIsSteep() {
        double[] y = new double[45];
        for (int i = 0; i < y.length; i++) {
            y[i] = i / 44.0;
        }
        boolean[] measured = plan(y, 12);
        boolean[] uniform = new boolean[y.length];
        int n = 0;
        int lowest = 0;
        int highest = 0;
        for (int r = 0; r < y.length; r++) {
            uniform[r] = r % 4 == 0;
            if (measured[r]) {
                n++;
                lowest += y[r] < 0.25 ? 1 : 0;
                highest += y[r] > 0.75 ? 1 : 0;
            }
        }
        assertEquals(12, n);
        assertTrue(measured[0] && measured[y.length - 1], "both ends");
        assertTrue(lowest > highest, lowest + " rows in the steep lowest quarter, " + highest + " in the highest");
        // 12 uniform rows leave a step of √(4/44) = 0.30 in f between the first two; the refined ones at most half.
        assertTrue(largestStep(y, measured) <= 0.5 * largestStep(y, uniform) + 1e-9,
                largestStep(y, measured) + " against uniform " + largestStep(y, uniform));
    }

    @Test
    void aFlatLineGetsRowsSpreadEvenly() {
        double[] y = new double[41];
        for (int i = 0; i < y.length; i++) {
            y[i] = i;
        }
        boolean[] measured = new boolean[y.length];
        double[] line = new double[y.length];
        for (int r = FieldRowPlanner.next(y, measured, line, 9); r >= 0; r = FieldRowPlanner.next(y, measured, line, 9)) {
            measured[r] = true;
            line[r] = 5e9; // no field dependence
        }
        for (int r = 0; r < y.length; r += 5) {
            assertTrue(measured[r], "row " + r + " of an even spread");
        }
    }

    @Test
    void aBudgetBeyondTheCandidatesMeasuresEachOnce() {
        double[] y = {0, 1, 2, 3, 4};
        boolean[] measured = plan(y, 50);
        for (boolean m : measured) {
            assertTrue(m);
        }
    }
}
