package io.spinloop.lab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The refine planner on a model device (p(I) of the project's power curve, f(I) red-shifting with p): after a coarse
 * pass it spends its points around the threshold and where p and f change, never closer than the minimum step, and
 * the same measured points give the same plan (which is how a resumed refine sweep goes on).
 */
class RefinePlannerTest {
    private static final double ITH = 1.03e-3;

    private static double power(double i) {
        return i <= ITH ? 0 : 1e-9 * (i / ITH) * (i / ITH) * (i / ITH - 1) / (i / ITH + 0.5);
    }

    private static double frequency(double i) {
        return i <= ITH ? Double.NaN : 5e9 - 1e9 * power(i) / 1e-9;
    }

    private static List<Double> plan(int budget) {
        RefinePlanner p = new RefinePlanner(0, 2.5e-3, budget, 1e-5);
        List<Double> taken = new ArrayList<>();
        for (double i = p.next(); !Double.isNaN(i); i = p.next()) {
            taken.add(i);
            p.measured(i, power(i), frequency(i));
        }
        return taken;
    }

    @Test
    void spendsItsPointsAroundTheThresholdRatherThanUniformly() {
        List<Double> taken = plan(24);
        assertEquals(24, taken.size());
        long near = taken.stream().filter(i -> Math.abs(i - ITH) < 0.15e-3).count();
        // A uniform grid of 24 over 2.5 mA puts 2 or 3 points within 0.15 mA of the threshold.
        assertTrue(near >= 6, "points within 0.15 mA of the threshold: " + near + " of " + taken);
        List<Double> sorted = new ArrayList<>(taken);
        sorted.sort(Double::compare);
        for (int k = 1; k < sorted.size(); k++) {
            assertTrue(sorted.get(k) - sorted.get(k - 1) >= 1e-5 - 1e-12, "closer than the minimum step: " + sorted);
        }
    }

    @Test
    void theSamePointsGiveTheSamePlan() {
        assertEquals(plan(16), plan(16));
        List<Double> first = plan(16);
        RefinePlanner resumed = new RefinePlanner(0, 2.5e-3, 16, 1e-5);
        for (int k = 0; k < 9; k++) {
            resumed.measured(first.get(k), power(first.get(k)), frequency(first.get(k)));
        }
        assertEquals(first.get(9), resumed.next(), 0.0);
    }
}
