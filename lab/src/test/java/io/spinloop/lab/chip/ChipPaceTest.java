package io.spinloop.lab.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A lab names a chip run's pace: each name plays what it says, the default is one of them, anything else is refused. */
class ChipPaceTest {
    @Test
    void eachNamePlaysItsPace() {
        assertEquals(ListPace.fastest(), ChipPace.named("fastest").pace());
        assertEquals(ListPace.asConfigured(), ChipPace.named("As-Configured").pace());
        assertEquals(2500, ChipPace.FASTEST.pace().maxListPoints());
        assertEquals(0.01, ChipPace.FASTEST.pace().timing().nplc());
        assertNull(ChipPace.AS_CONFIGURED.pace().timing(), "the sources as the lab-config leaves them");
        assertEquals(ChipPace.DEFAULT, ChipPace.named(ChipPace.DEFAULT_NAME));
        // the README's "Bench time per digits epoch": after the reading fix the fastest pace kept both tasks
        assertEquals(ChipPace.FASTEST, ChipPace.DEFAULT, "chip runs play at the fastest pace unless told otherwise");
        for (ChipPace p : ChipPace.values()) {
            assertEquals(p, ChipPace.named(p.label()));
        }
    }

    @Test
    void anUnknownNameIsRefusedWithTheNamesThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChipPace.named("fast"));
        assertTrue(e.getMessage().contains("fastest or as-configured") && e.getMessage().contains("\"fast\""),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChipPace.named(null));
    }
}
