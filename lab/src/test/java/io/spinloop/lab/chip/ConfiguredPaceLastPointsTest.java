package io.spinloop.lab.chip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.lab.TestLabConfigs;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.config.LabConfigLoader;
import io.spinloop.lab.list.PointPeriod;
import io.spinloop.lab.list.RoundTrips;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last points of a list at the configured pace are read in their own time (issue 17). Its period is measured on
 * 4,001 bins, 0.04 % long on this bench; the chip channel's list of 100 points, drives alternating one source step
 * apart, read 16 times: a point near the list's end must read as the same drive near its start does. Counting bins
 * as if spaced T/N, the last bin of each point from about the 86th on is the next point's (the low drive's last
 * points then read about 3 dB high here).
 */
class ConfiguredPaceLastPointsTest {
    @Test
    void theLastPointsOfAListDoNotReadTheNextPointsDrive(@TempDir Path dir) throws Exception {
        double high = 2.5e-3;
        double low = high - 2.4e-4;
        try (Bench bench = Bench.of(LabConfigLoader.load(TestLabConfigs.exactBench(dir)))) {
            double line;
            try (var rig = bench.openDevice("stno-a")) {
                line = DeviceCalibration.findLine(rig, high, 4.75e9, 1e9);
            }
            int bins = DeviceCalibration.BINS_PER_POINT;
            ChipChannel channel = new ChipChannel("stno-a", bench::openDevice,
                    new ZeroSpanSettings(line - 30e6, 8e6, 1e-3, 1e-3, bins, 100), new RoundTrips(), null);
            try {
                channel.pace(ListPace.asConfigured());
                PointPeriod.Measured period = DeviceCalibration.measurePointPeriod(channel, low, high);
                channel.retune(new ZeroSpanSettings(line - 30e6, 8e6, 1e-3, period.periodS(), bins, 100));
                double[] list = new double[100];
                for (int k = 0; k < list.length; k++) {
                    list[k] = k % 2 == 0 ? low : high;
                }
                int reps = 16;
                double[] sum = new double[list.length];
                for (int r = 0; r < reps; r++) {
                    double[] dBm = channel.measureInOrder(list);
                    for (int k = 0; k < list.length; k++) {
                        sum[k] += dBm[k] / reps;
                    }
                }
                // 40 points after the first two against the last 10, each drive apart (a point's mean of 16 readings
                // scatters 0.15 dB here, so the difference of the two means 0.07 dB)
                double[] early = new double[2];
                double[] late = new double[2];
                for (int k = 0; k < 40; k++) {
                    early[k % 2] += sum[2 + k] / 20;
                }
                for (int k = 0; k < 10; k++) {
                    late[k % 2] += sum[90 + k] / 5;
                }
                String seen = String.format(Locale.ROOT, "period %.6f ms; low drive %.3f dB early, %.3f dB late; high "
                        + "%.3f dB early, %.3f dB late", period.periodS() * 1e3, early[0], late[0], early[1], late[1]);
                assertTrue(early[1] > early[0] + 1, "the drives are told apart: " + seen);
                assertTrue(Math.abs(late[0] - early[0]) < 0.4 && Math.abs(late[1] - early[1]) < 0.4, seen);
            } finally {
                channel.makeSafe();
                channel.close();
            }
        }
    }
}
