package io.spinloop.emulator.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The emulated electromagnet: first-order lag L/R, field k·I, and the yoke's remanence after an excursion. */
class MagnetTest {
    private static final Magnet.Coil COIL = new Magnet.Coil(0.05, 0.02, 0.5e-3, 0.5);

    @Test
    void aVirginYokeAtZeroAmpsHasExactlyNoField() {
        Magnet m = new Magnet(COIL);
        assertEquals(0.0, m.fieldAt(0), 0);
        assertEquals(0.0, m.fieldAt(100), 0);
    }

    @Test
    void theCoilCurrentFollowsWithTheTimeConstant() {
        Magnet m = new Magnet(COIL);
        m.drive(1.0, 2.0);
        assertEquals(2.0 * (1 - Math.exp(-1)), m.currentAt(1.02), 1e-12, "one L/R: 63 %");
        assertEquals(2.0, m.currentAt(2.0), 1e-12);
        assertEquals(0.05 * 2.0 + 0.5e-3, m.fieldAt(2.0), 1e-12, "k·I plus the saturated remanence");
    }

    @Test
    void aPositiveExcursionLeavesPositiveRemanenceAndANegativeOneNegative() {
        Magnet m = new Magnet(COIL);
        m.drive(0, 2.0);
        m.drive(1, 0.0);
        assertEquals(0.5e-3, m.fieldAt(2), 1e-12);
        m.drive(3, -2.0);
        m.drive(4, 0.0);
        assertEquals(-0.5e-3, m.fieldAt(5), 1e-12);
    }

    @Test
    void aSmallExcursionWithinThePlayLeavesNoRemanence() {
        Magnet m = new Magnet(COIL);
        m.drive(0, 0.3);
        m.drive(1, 0.0);
        assertEquals(0.0, m.fieldAt(2), 1e-15);
    }
}
