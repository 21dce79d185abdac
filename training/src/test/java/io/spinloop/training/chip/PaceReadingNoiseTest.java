package io.spinloop.training.chip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.lab.chip.ChipChannel;
import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.lab.chip.ListPace;
import io.spinloop.lab.list.RoundTrips;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Where the reading noise of the fastest pace sits (issue 17): the same 2,000 drives read six times, one list each
 * time. The line is retracked before every list, and the retune's error offsets every reading of that list alike;
 * at the fastest pace a list holds a whole training batch, so that offset must stay small against the point noise.
 * Measured on this bench: per-point noise 0.63 dB at both paces; the common offset of 100 neighbouring points 0.20 dB
 * when the retune took the peak marker, 0.09 dB with the line's centre (the point noise alone gives 0.06 dB).
 */
class PaceReadingNoiseTest {
    @Test
    void aListsCommonOffsetStaysSmallAgainstThePointNoiseAtTheFastestPace() throws Exception {
        try (EmulatedChip chip = new EmulatedChip(1, 5, d -> d);
             ChipSetup s = ChipSetup.calibrate(chip.ids, chip::open, ChipSetup.Search.defaults(),
                     c -> new DeviceCalibration(2.55e-3, 0.8e-3, 30e6, 30, 5, 2, 2, 1), null, new RoundTrips(),
                     m -> { }, ListPace.fastest())) {
            ChipChannel c = s.channels().get(0);
            int n = 2000;
            int reps = 6;
            int chunk = 100;
            double[] drives = new double[n];
            SplittableRandom r = new SplittableRandom(2);
            for (int i = 0; i < n; i++) {
                drives[i] = 1.8e-3 + 0.7e-3 * r.nextDouble();
            }
            double[][] y = new double[reps][];
            for (int k = 0; k < reps; k++) {
                y[k] = c.measure(drives);
            }
            s.makeSafe();
            double[] mean = new double[n];
            for (double[] row : y) {
                for (int i = 0; i < n; i++) {
                    mean[i] += row[i] / reps;
                }
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(drives[a], drives[b]));
            double pointVar = 0;
            double offsetVar = 0;
            for (double[] row : y) {
                for (int from = 0; from < n; from += chunk) {
                    double o = 0;
                    for (int j = from; j < from + chunk; j++) {
                        double e = row[order[j]] - mean[order[j]];
                        o += e / chunk;
                        pointVar += e * e;
                    }
                    offsetVar += o * o;
                }
            }
            double unbiased = reps / (reps - 1.0);
            double pointSd = Math.sqrt(unbiased * pointVar / (reps * n));
            double offsetSd = Math.sqrt(unbiased * offsetVar / (reps * n / chunk));
            // the point noise alone leaves pointSd / 10 on a mean of 100 points
            assertTrue(offsetSd < 2.2 * pointSd / Math.sqrt(chunk), String.format(
                    "common offset of %d neighbouring points %.3f dB against %.3f dB from the point noise (%.3f dB "
                            + "per point)", chunk, offsetSd, pointSd / Math.sqrt(chunk), pointSd));
        }
    }
}
