package io.spinloop.training.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.source.SourceTiming;
import io.spinloop.lab.chip.ChipChannel;
import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.lab.chip.ListPace;
import io.spinloop.lab.chip.NeuronReadout;
import java.util.List;
import io.spinloop.lab.list.RoundTrips;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A chip calibrated at the fastest pace: the source holds the fast timing (read back), the point period is measured
 * to a part in 10^4 (so the last point of a 2,500-point list is read less than a quarter point from where it is), and
 * a batch of drives is played in lists of up to 2,500 points instead of 100.
 */
class FastestPaceTest {
    @Test
    void aChipAtTheFastestPaceReadsEveryPointInListsOf2500() throws Exception {
        RoundTrips trips = new RoundTrips();
        NeuronReadout readout;
        List<? extends io.spinloop.twin.neuron.NeuronTwin> twins;
        try (EmulatedChip chip = new EmulatedChip(1, 5, d -> d);
             ChipSetup s = ChipSetup.calibrate(chip.ids, chip::open, ChipSetup.Search.defaults(),
                     c -> new DeviceCalibration(2.55e-3, 0.8e-3, 30e6, 30, 5, 2, 2, 1), null, trips, m -> { },
                     ListPace.fastest())) {
            ChipChannel c = s.channels().get(0);
            SourceTiming held = c.rig().source().timing();
            assertEquals(0.01, held.nplc(), 1e-12);
            assertEquals(SourceTiming.AutoZero.OFF, held.autoZero(), "auto zero once, then off");
            assertTrue(held.measureInLists(), "every list point still reads the voltage (compliance at the point)");
            // 1 ms source delay + 0.01 NPLC at 60 Hz + 0.4 ms processing
            double truePeriod = 1e-3 + 0.01 / 60 + 0.4e-3;
            double measured = s.calibrations().get(0).settings().pointPeriodS();
            assertEquals(truePeriod, measured, 1e-4 * truePeriod, "period to a part in 10^4");
            assertTrue(2500 * Math.abs(measured - truePeriod) < 0.25 * truePeriod, "a quarter point over 2,500");
            assertEquals(2500, c.capacity());

            double[] drives = new double[3000];
            SplittableRandom r = new SplittableRandom(2);
            for (int i = 0; i < drives.length; i++) {
                drives[i] = 1.8e-3 + 0.7e-3 * r.nextDouble();
            }
            trips.reset();
            double[] dBm = c.measure(drives);
            assertEquals(2, trips.lists(), "3,000 drives in two lists");
            for (double v : dBm) {
                assertTrue(Double.isFinite(v) && v < 0, "a reading: " + v);
            }
            s.makeSafe();
            readout = NeuronReadout.of(s.calibrations().get(0).readoutProvenance(), "twin file");
            twins = s.twins();
        }
        // a deployment from the twin files' readout sets the same timing again before its first list
        assertEquals(SourceTiming.fastestMeasuring(), readout.timing());
        try (EmulatedChip chip = new EmulatedChip(1, 5, d -> d)) {
            try (ChipSetup deployed = ChipSetup.connect(twins, List.of(readout), chip::open, new RoundTrips(),
                    m -> { })) {
                ChipChannel d = deployed.channels().get(0);
                d.rig().source().applyTiming(SourceTiming.instrumentDefaults()); // as a power-cycled source would be
                assertEquals(2500, d.capacity());
                d.measure(new double[] {2.0e-3, 2.1e-3});
                assertEquals(0.01, d.rig().source().timing().nplc(), 1e-12, "set again before the list");
                deployed.makeSafe();
            }
        }
    }
}
