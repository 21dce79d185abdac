package io.spinloop.twin.sysid;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.twin.physics.MacrospinParameters;
import org.junit.jupiter.api.Test;

/** Seed 002's setting: 50 ps sampling, 0.5 ps Heun steps with the 300 K thermal field, T = 10, 20 epochs. */
class MacrospinIdentificationTest {
    @Test
    void eachParameterComesBackWithin5PercentOfItsRange() {
        MacrospinIdentification id = new MacrospinIdentification(MacrospinParameters.SEED_002, 100, 10, 5e-11, 5e-13);
        double field = 1820;
        double current = 4.2e-3;
        double alpha = 0.004;
        for (MacrospinIdentification.Target t : MacrospinIdentification.Target.values()) {
            MacrospinIdentification.Result r = id.identify(t, field, current, alpha, 200, 20, 5, s -> { });
            System.out.println(t + ": truth " + r.truth() + ", estimate " + r.estimate() + ", error " + r.errorOfRange()
                    + " of the range; losses " + java.util.Arrays.toString(r.losses()));
            assertTrue(r.errorOfRange() < 0.05, t + ": " + r);
        }
    }
}
