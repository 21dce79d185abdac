package io.spinloop.lab.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChipChannelPlanTest {

    @Test
    void listsRespectStepAndLengthLimitsAndCoverEveryDriveOnce() {
        SplittableRandom r = new SplittableRandom(2);
        for (int n : new int[] {1, 7, 100, 101, 457}) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = 0.5e-3 + 2.0e-3 * r.nextDouble();
            }
            double maxStep = 2.5e-4;
            List<ChipChannel.PlayList> lists = ChipChannel.plan(d, maxStep, 100);
            int[] seen = new int[n];
            for (ChipChannel.PlayList l : lists) {
                double[] c = l.currents();
                assertTrue(c.length <= 100, "list of " + c.length);
                for (int k = 0; k < c.length; k++) {
                    double next = k + 1 < c.length ? c[k + 1] : c[0];
                    assertTrue(Math.abs(next - c[k]) <= maxStep, "step " + Math.abs(next - c[k]));
                    if (l.origin()[k] >= 0) {
                        seen[l.origin()[k]]++;
                        assertEquals(d[l.origin()[k]], c[k], 0.0);
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                assertEquals(1, seen[i], "drive " + i + " of " + n);
            }
        }
    }
}
