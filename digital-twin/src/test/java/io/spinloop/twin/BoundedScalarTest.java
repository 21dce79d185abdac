package io.spinloop.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.autodiff.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedScalarTest {

    @Test
    void valuesRoundTripAndStayInsideBoundsWhateverTheRawValue() {
        BoundedScalar lin = BoundedScalar.linear("alpha", 0.001, 0.01, 0.004);
        BoundedScalar log = BoundedScalar.logarithmic("rate", 1e5, 1e11, 3e8);
        assertEquals(0.004, lin.value(), 1e-15);
        assertEquals(3e8, log.value(), 3e8 * 1e-12);
        for (double raw : new double[] {-1e3, -30, 0, 30, 1e3}) {
            lin.raw().set(new double[] {raw});
            log.raw().set(new double[] {raw});
            assertTrue(lin.value() >= 0.001 && lin.value() <= 0.01, "linear value " + lin.value());
            assertTrue(log.value() >= 1e5 * (1 - 1e-12) && log.value() <= 1e11 * (1 + 1e-12), "log value " + log.value());
        }
    }

    @Test
    void gradientThroughTheTransformMatchesFiniteDifferences() {
        for (BoundedScalar b : List.of(BoundedScalar.linear("a", -2, 5, 1.3), BoundedScalar.logarithmic("b", 1e-3, 1e3, 0.2))) {
            GradientCheck.of(tape -> b.value(tape), List.of(b.raw().value())).assertWithin(1e-6);
        }
    }

    @Test
    void badBoundsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoundedScalar.logarithmic("damping", 0, 1, 0.5));
        assertTrue(e.getMessage().startsWith("damping"), e.getMessage());
    }
}
