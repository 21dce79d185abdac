package io.spinloop.training.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.drivers.source.SourceTiming;
import io.spinloop.emulator.instruments.SourceModel;
import io.spinloop.lab.chip.ChipChannel;
import io.spinloop.lab.chip.DeviceCalibration;
import io.spinloop.lab.chip.ListPace;
import io.spinloop.lab.list.RoundTrips;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fastest pace ({@link ListPace#fastest()}: 0.01 NPLC, auto zero once, measuring every point) on a Keithley 2450
 * and a Keysight B2901A bench, as {@link FastestPaceTest} runs it on a 2400: the source holds the timing (read back;
 * auto zero off after once, and the B2900 has none), the period measured at calibration is the model's (1 ms dwell +
 * 0.01 NPLC at 60 Hz + the model's processing: 0.4 ms on the 2450, 0.1 ms on the B2900), and drives play in lists of
 * 2,500 points.
 */
class FastestPaceOnEachSourceTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"KEITHLEY_2450, 0.4e-3", "KEYSIGHT_B2901A, 0.1e-3"})
    void theFastestPaceCalibratesAndPlaysInListsOf2500(SourceModel model, double processingS) throws Exception {
        RoundTrips trips = new RoundTrips();
        try (EmulatedChip chip = new EmulatedChip(1, 5, d -> d, model);
             ChipSetup s = ChipSetup.calibrate(chip.ids, chip::open, ChipSetup.Search.defaults(),
                     c -> new DeviceCalibration(2.55e-3, 0.8e-3, 30e6, 30, 5, 2, 2, 1), null, trips, m -> { },
                     ListPace.fastest())) {
            ChipChannel c = s.channels().get(0);
            SourceTiming held = c.rig().source().timing();
            assertEquals(0.01, held.nplc(), 1e-12);
            assertEquals(SourceTiming.AutoZero.OFF, held.autoZero());
            assertTrue(held.measureInLists(), "every list point reads the voltage");
            double truePeriod = 1e-3 + 0.01 / 60 + processingS;
            double measured = s.calibrations().get(0).settings().pointPeriodS();
            assertEquals(truePeriod, measured, 1e-4 * truePeriod, "period to a part in 10^4");
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
        }
    }
}
