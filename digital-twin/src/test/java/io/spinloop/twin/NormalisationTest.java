package io.spinloop.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormalisationTest {

    private static SequenceData data(double... powersW) {
        double[][] drive = {new double[powersW.length]};
        for (int t = 0; t < powersW.length; t++) {
            drive[0][t] = 1e-3 + 1e-4 * t;
        }
        double[][][] power = {{powersW}};
        double[] time = new double[powersW.length];
        for (int t = 0; t < time.length; t++) {
            time[t] = 1e-3 * t;
        }
        return new SequenceData("n.h5", time, drive, power);
    }

    @Test
    void linearPowerIsAffineInWattsAsBefore() {
        Normalisation n = Normalisation.of(data(1e-9, 3e-9, 5e-9, 7e-9));
        assertFalse(n.logPower());
        assertEquals(4e-9, n.powerOffset(), 1e-21);
        assertEquals(Math.sqrt(5) * 1e-9, n.powerScale(), 1e-21);
        assertEquals(1.0, n.power(4e-9 + n.powerScale()), 1e-12);
        assertEquals(-4e-9, n.powerW(n.power(-4e-9)), 1e-21, "negative power is fine in W");
        assertEquals(new Normalisation(1, 2, 3, 4, 5), new Normalisation(1, 2, 3, 4, 5, false, 0));
    }

    @Test
    void logPowerIsNormalisedDecibelsAboveAFloorAndInvertsToWatts() {
        // readings 10 dB apart: -90, -80, -70, -60 dBW
        Normalisation n = Normalisation.logPowerOf(data(1e-9, 1e-8, 1e-7, 1e-6));
        assertTrue(n.logPower());
        assertEquals(1e-9, n.powerFloorW(), 1e-21, "the smallest reading");
        assertEquals(1e-9, Normalisation.logPowerOf(data(0, 1e-12, 1e-6)).powerFloorW(), 1e-21,
                "but no lower than 30 dB below the largest");
        assertEquals(-75, n.powerOffset(), 1e-9);
        assertEquals(Math.sqrt(125), n.powerScale(), 1e-9);
        assertEquals((-70 + 75) / Math.sqrt(125), n.power(1e-7), 1e-12);
        for (double w : new double[] {1e-9, 3.7e-8, 1e-6, 2e-5}) {
            assertEquals(w, n.powerW(n.power(w)), 1e-12 * w);
        }
        // at or below the floor (zero, noise) every reading is the floor, also the rest state
        assertEquals(n.power(1e-9), n.power(0.0), 0);
        assertEquals(n.power(1e-9), n.power(-1e-8), 0);
        assertTrue(n.powerW(-100) > 0, "samples in W stay positive");
    }

    @Test
    void logPowerNeedsPositiveReadingsAndAFloor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Normalisation.logPowerOf(data(0, 0, -1e-9)));
        assertTrue(e.getMessage().contains("n.h5") && e.getMessage().contains("power_W"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normalisation(0, 1, -70, 5, 1, true, 0));
        assertThrows(IllegalArgumentException.class, () -> new Normalisation(0, 1, 0, 1, 1, false, 1e-9));
    }
}
