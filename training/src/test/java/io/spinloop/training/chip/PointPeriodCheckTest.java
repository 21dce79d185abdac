package io.spinloop.training.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6, for the chip's neuron calibration: the list-point period it measures is checked against what
 * the source's settings allow (1 ms dwell + 1 NPLC at the emulated 2400's 60 Hz) before it becomes a time base.
 */
class PointPeriodCheckTest {
    @Test
    void anImpossiblePeriodIsRefusedAndAFarTooLongOneIsToldAndKept() throws Exception {
        List<String> said = new ArrayList<>();
        try (EmulatedChip chip = new EmulatedChip(1, 5, d -> d)) {
            ChipChannel c = new ChipChannel("stno-a", chip::open, new ZeroSpanSettings(4.7e9, 8e6, 1e-3, 1e-3, 2, 100),
                    new RoundTrips(), said::add);
            try {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> DeviceCalibration.checkPointPeriod(c, 1e-3, 2.13e-3));
                assertTrue(e.getMessage().startsWith("stno-a: smu-stno-a: measured list point period 2.13 ms is "
                        + "impossible: the settings allow 17.7 ms to 121 ms"), e.getMessage());
                assertEquals(Optional.empty(), DeviceCalibration.checkPointPeriod(c, 1e-3, 18.07e-3));
                assertTrue(said.isEmpty(), said.toString());
                assertTrue(DeviceCalibration.checkPointPeriod(c, 1e-3, 0.2).isPresent());
                assertEquals(1, said.size(), said.toString());
                assertTrue(said.get(0).contains("200 ms is longer than the settings allow"), said.get(0));
            } finally {
                c.close();
            }
        }
    }
}
