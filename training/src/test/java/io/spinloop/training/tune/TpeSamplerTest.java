package io.spinloop.training.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {
    private static final List<Dimension> SPACE = List.of(new Dimension("tau", 1, 100, true),
            new Dimension("lr0", 1e-4, 1, true));

    /** A smooth objective peaked at tau = 10, lr0 = 0.01 (in log space), at most 1. */
    private static double objective(Map<String, Double> p) {
        double a = Math.log10(p.get("tau")) - 1;
        double b = Math.log10(p.get("lr0")) + 2;
        return Math.exp(-(a * a + b * b) / 0.1);
    }

    private static double bestAfter(TpeSampler s, int n) {
        List<Trial> hist = new ArrayList<>();
        double best = 0;
        for (int i = 0; i < n; i++) {
            Trial t = new Trial(i, s.sample(hist));
            for (Dimension d : SPACE) {
                double v = t.params().get(d.name());
                assertTrue(v >= d.low() && v <= d.high(), d.name() + " = " + v);
            }
            double y = objective(t.params());
            t.report(y);
            t.finish(Trial.State.COMPLETE, y, null);
            hist.add(t);
            best = Math.max(best, y);
        }
        return best;
    }

    /** Over 20 sampler seeds, TPE's best after 40 trials beats pure random search's in most of them. */
    @Test
    void tpeFindsBetterPointsThanRandomSearch() {
        int wins = 0;
        int seeds = 20;
        for (int seed = 0; seed < seeds; seed++) {
            double tpe = bestAfter(new TpeSampler(SPACE, seed, 8, 0.25, 24), 40);
            // startup = all trials: pure random sampling with the same budget.
            double random = bestAfter(new TpeSampler(SPACE, seed + 1000, 1000, 0.25, 24), 40);
            if (tpe > random) {
                wins++;
            }
        }
        // Under a fair coin the chance of >= 15 wins in 20 is 2 %; TPE should do much better than a coin.
        assertTrue(wins >= 15, "TPE beat random search in only " + wins + " of " + seeds + " seeds");
    }

    @Test
    void medianPrunerStopsTrialsBelowTheMedianAfterWarmup() {
        MedianPruner p = new MedianPruner(2, 3);
        List<Trial> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Trial t = new Trial(i, Map.of());
            for (int e = 0; e < 5; e++) {
                t.report(0.5 + 0.1 * i);
            }
            all.add(t);
        }
        Trial bad = new Trial(9, Map.of());
        all.add(bad);
        bad.report(0.1);
        assertFalse(p.shouldPrune(bad, 0, all), "no pruning during warm-up");
        bad.report(0.1);
        bad.report(0.1);
        assertTrue(p.shouldPrune(bad, 2, all));
        Trial good = new Trial(10, Map.of());
        all.add(good);
        for (int e = 0; e < 3; e++) {
            good.report(0.75);
        }
        assertFalse(p.shouldPrune(good, 2, all));
        assertFalse(new MedianPruner(0, 10).shouldPrune(bad, 2, all), "too few other trials to judge");
    }

    @Test
    void dimensionsMapToTheUnitIntervalAndBack() {
        Dimension d = new Dimension("lr0", 1e-3, 1e-1, true);
        assertEquals(0.5, d.toUnit(1e-2), 1e-12);
        assertEquals(1e-2, d.fromUnit(0.5), 1e-12);
        Random r = new Random(1);
        for (int i = 0; i < 100; i++) {
            double u = r.nextDouble();
            assertEquals(u, d.toUnit(d.fromUnit(u)), 1e-12);
        }
    }
}
