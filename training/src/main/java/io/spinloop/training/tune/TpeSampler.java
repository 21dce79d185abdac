package io.spinloop.training.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Tree-structured Parzen estimator (Bergstra et al. 2011), independent per dimension as in Optuna's
 * default: finished trials are split into the best fraction γ and the rest; each group becomes a mixture of
 * Gaussians in the unit (or log) space, with a bandwidth from the gaps between neighbours plus a uniform
 * prior component; candidates are drawn from the good mixture and the one maximising l(x)/g(x) is chosen.
 * The first {@code startupTrials} are random.
 */
public final class TpeSampler {
    private final List<Dimension> space;
    private final long seed;
    private final Random rng;
    private final int startupTrials;
    private final double gamma;
    private final int candidates;

    public TpeSampler(List<Dimension> space, long seed) {
        this(space, seed, 8, 0.25, 24);
    }

    public TpeSampler(List<Dimension> space, long seed, int startupTrials, double gamma, int candidates) {
        this.space = List.copyOf(space);
        this.seed = seed;
        this.rng = new Random(seed);
        this.startupTrials = startupTrials;
        this.gamma = gamma;
        this.candidates = candidates;
    }

    @Override
    public String toString() {
        return "TpeSampler" + space + "[seed " + seed + ", startup " + startupTrials + ", gamma " + gamma + ", candidates "
                + candidates + "]";
    }

    public List<Dimension> space() {
        return space;
    }

    /** Proposes the next parameters given the trials so far (finished or pruned ones count). */
    public synchronized Map<String, Double> sample(List<Trial> history) {
        return sample(history, rng);
    }

    /**
     * Proposes trial {@code number}'s parameters from its own random stream (the sampler's seed and the number):
     * the same history gives the same proposal whatever was asked before, so a search resumed from its results
     * file, or run on another engine, asks what it would have asked straight through.
     */
    public Map<String, Double> sample(List<Trial> history, int number) {
        return sample(history, new Random(seed ^ (0x9E3779B97F4A7C15L * (number + 1L))));
    }

    private Map<String, Double> sample(List<Trial> history, Random rng) {
        List<Trial> done = new ArrayList<>();
        for (Trial t : history) {
            if ((t.state() == Trial.State.COMPLETE || t.state() == Trial.State.PRUNED) && Double.isFinite(t.value())) {
                done.add(t);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (done.size() < startupTrials) {
            for (Dimension d : space) {
                out.put(d.name(), d.fromUnit(rng.nextDouble()));
            }
            return out;
        }
        // Pruned trials rank below every complete one: they were stopped for being worse than the median.
        done.sort(Comparator.comparing((Trial t) -> t.state() == Trial.State.COMPLETE ? 0 : 1)
                .thenComparing(t -> -t.value()));
        int nGood = Math.max(1, (int) Math.ceil(gamma * done.size()));
        List<Trial> good = done.subList(0, nGood);
        List<Trial> bad = done.subList(nGood, done.size());
        for (Dimension d : space) {
            double[] g = units(good, d);
            double[] b = units(bad, d);
            double bestU = Double.NaN;
            double bestScore = Double.NEGATIVE_INFINITY;
            double[] gw = bandwidths(g);
            double[] bw = bandwidths(b);
            for (int c = 0; c < candidates; c++) {
                double u = drawFrom(rng, g, gw);
                double score = Math.log(density(u, g, gw)) - Math.log(density(u, b, bw));
                if (score > bestScore) {
                    bestScore = score;
                    bestU = u;
                }
            }
            out.put(d.name(), d.fromUnit(bestU));
        }
        return out;
    }

    private static double[] units(List<Trial> ts, Dimension d) {
        double[] u = new double[ts.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = d.toUnit(ts.get(i).params().get(d.name()));
        }
        return u;
    }

    /**
     * Each point's bandwidth: the larger gap to its sorted neighbours (the interval ends count as
     * neighbours), clipped below by 1/(n+1) as in Optuna's "magic clip", so that a few clustered good
     * points do not collapse the search onto themselves.
     */
    private static double[] bandwidths(double[] pts) {
        int n = pts.length;
        double[] bw = new double[n];
        if (n == 0) {
            return bw;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> pts[i]));
        double floor = 1.0 / Math.min(100, n + 1);
        for (int k = 0; k < n; k++) {
            double left = k > 0 ? pts[order[k]] - pts[order[k - 1]] : pts[order[k]];
            double right = k < n - 1 ? pts[order[k + 1]] - pts[order[k]] : 1 - pts[order[k]];
            bw[order[k]] = Math.max(floor, Math.min(1.0, Math.max(left, right)));
        }
        return bw;
    }

    /** Mixture of the points' Gaussians (truncated to [0,1] by rejection) and a uniform prior, equal weights. */
    private static double drawFrom(Random rng, double[] pts, double[] bw) {
        int k = rng.nextInt(pts.length + 1);
        if (k == pts.length) {
            return rng.nextDouble();
        }
        for (int tries = 0; tries < 100; tries++) {
            double u = pts[k] + bw[k] * rng.nextGaussian();
            if (u >= 0 && u <= 1) {
                return u;
            }
        }
        return rng.nextDouble();
    }

    private static double density(double u, double[] pts, double[] bw) {
        double s = 1.0; // the uniform prior component on [0,1]
        for (int i = 0; i < pts.length; i++) {
            double z = (u - pts[i]) / bw[i];
            s += Math.exp(-0.5 * z * z) / (bw[i] * Math.sqrt(2 * Math.PI));
        }
        return s / (pts.length + 1);
    }
}
