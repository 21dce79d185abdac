package io.spinloop.lab.list;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.analyzer.PowerVersusTime;
import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.lab.config.LabConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one list player: tent order, lists of at most the capacity, and a played list read in zero span. */
class ListPlayerTest {

    @Test
    void listsRespectStepAndLengthLimitsAndCoverEveryDriveOnce() {
        SplittableRandom r = new SplittableRandom(2);
        for (int capacity : new int[] {100, 37}) {
            for (int n : new int[] {1, 7, 100, 101, 457}) {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = 0.5e-3 + 2.0e-3 * r.nextDouble();
                }
                double maxStep = 2.5e-4;
                List<ListPlayer.PlayList> lists = ListPlayer.inTentOrder(d, maxStep, capacity);
                int[] seen = new int[n];
                for (ListPlayer.PlayList l : lists) {
                    double[] c = l.currents();
                    assertTrue(c.length <= capacity, "list of " + c.length + " for a capacity of " + capacity);
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

    @Test
    void drivesWithinOneStepArePlayedUpEverySecondOneThenBackDown() {
        double[] drives = {1.6e-3, 1.0e-3, 1.5e-3, 1.1e-3, 1.3e-3, 1.2e-3, 1.4e-3};
        List<ListPlayer.PlayList> lists = ListPlayer.inTentOrder(drives, 2.5e-4, 100);
        assertEquals(1, lists.size());
        assertArrayEquals(new double[] {1.0e-3, 1.2e-3, 1.4e-3, 1.6e-3, 1.5e-3, 1.3e-3, 1.1e-3},
                lists.get(0).currents(), 0.0, "sorted, every second value rising, the others falling back");
        assertArrayEquals(new int[] {1, 5, 6, 0, 2, 4, 3}, lists.get(0).origin());
    }

    @Test
    void theCapacityIsTheSourceModelsAtMost() {
        try (Bench bench = Bench.of(LabConfigLoader.load(TestLabConfigs.defaultBench()));
             DeviceRig rig = bench.openDevice("stno-a")) {
            assertTrue(rig.source().identity().raw().contains("2400"), rig.source().identity().raw());
            assertEquals(2500, ListPlayer.capacity(rig.source(), 3000), "a Keithley 2400 list holds 2500 points");
            assertEquals(40, ListPlayer.capacity(rig.source(), 40));
        }
    }

    /**
     * A list that holds one drive for 40 points and a higher one for 40 more, played with its trigger starting the
     * zero span just below the line at the higher drive: the reading steps up where the list does, and the player
     * counts one list of 80 points in three instrument operations.
     */
    @Test
    void aPlayedListIsReadPointByPointInZeroSpan(@TempDir Path dir) throws Exception {
        try (Bench bench = Bench.of(LabConfigLoader.load(TestLabConfigs.exactBench(dir)));
             DeviceRig rig = bench.openDevice("stno-a")) {
            double high = 2.5e-3;
            double low = high - 2.5e-4;
            double line = DeviceCalibration.findLine(rig, high, 4.75e9, 1e9);
            double[] list = new double[80];
            for (int k = 0; k < list.length; k++) {
                list[k] = k < 40 ? low : high;
            }
            rig.source().setCurrent(low);
            RoundTrips trips = new RoundTrips();
            double period = 1e-3 + 17.1e-3; // the emulated 2400 at 1 NPLC: dwell plus 17.1 ms
            PowerVersusTime pvt = new ListPlayer(rig, trips).play(list, 1e-3,
                    new ZeroSpan(line - 30e6, 8e6, list.length * period, 2 * list.length));
            double[] dBm = ListPlayer.meanDbmPerPoint(pvt, list.length);
            double lowMean = 0;
            double highMean = 0;
            for (int k = 5; k < 35; k++) {
                lowMean += dBm[k] / 30;
                highMean += dBm[k + 40] / 30;
            }
            assertTrue(highMean > lowMean + 3, "the reading follows the drive: " + lowMean + " dBm at " + low
                    + " A, " + highMean + " dBm at " + high + " A");
            assertEquals(3, trips.operations());
            assertEquals(1, trips.lists());
            assertEquals(80, trips.listPoints());
        }
    }
}
