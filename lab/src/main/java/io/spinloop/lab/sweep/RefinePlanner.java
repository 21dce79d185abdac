package io.spinloop.lab.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where an adaptive current sweep ({@code measure sweep --refine N}) measures next. A coarse uniform pass first
 * (a third of the budget, at least 5 points), then each further point halves the interval of the measured curve
 * that matters most: the longest in normalised (I, p, f) coordinates (where p or f change fastest), weighted up by
 * how much the curve bends at its ends, and first of all the interval where the line appears (the threshold lies
 * inside). Intervals narrower than twice the minimum step are not split. Deterministic: the same measured points give
 * the same plan, which is how a resumed refine sweep picks up where it stopped. Once the points so far determine a
 * p(I) fit ({@link PowerCurveFit}), the intervals from 15 % below to 30 % above its threshold come first too: the
 * points just above the threshold are the ones that fix it.
 */
public final class RefinePlanner {
    /** A measured point: current, line power (0 where no line was found), line frequency (NaN then). */
    private record Point(double currentA, double powerW, double peakHz) {
    }

    /**
     * A line weaker than this fraction of the strongest is not yet the auto-oscillation (below threshold a thermal line
     * can stand out of the floor too); the threshold lies where the power crosses it.
     */
    private static final double LINE_FRACTION = 0.02;

    /** The band around the fitted threshold that is refined first: from -15 % to +30 % of it. */
    private static final double THRESHOLD_BAND = 0.3;

    private final double from;
    private final double to;
    private final int budget;
    private final int coarse;
    private final double minStepA;
    private final List<Point> points = new ArrayList<>();
    /** The threshold of the last p(I) fit of the points that was determined, NaN before. */
    private double threshold = Double.NaN;

    /**
     * @param from     lowest current of the range
     * @param to       highest current
     * @param budget   points to spend in all
     * @param minStepA no two points closer than this
     */
    public RefinePlanner(double from, double to, int budget, double minStepA) {
        if (!(to > from) || budget < 2 || !(minStepA > 0)) {
            throw new IllegalArgumentException("a refine sweep needs from < to, a budget of at least 2 and a positive"
                    + " minimum step; got " + from + ".." + to + ", " + budget + ", " + minStepA);
        }
        this.from = from;
        this.to = to;
        this.budget = budget;
        this.coarse = Math.min(budget, Math.max(5, budget / 3));
        this.minStepA = minStepA;
    }

    public int budget() {
        return budget;
    }

    /** Takes a measured point into account (in the order measured). */
    public void measured(double currentA, double powerW, double peakHz) {
        points.add(new Point(currentA, powerW, peakHz));
    }

    /** The next current to measure, or NaN when the budget is spent or no interval can be split any more. */
    public double next() {
        int n = points.size();
        if (n >= budget) {
            return Double.NaN;
        }
        if (n < coarse) {
            return coarse == 1 ? from : from + (to - from) * n / (coarse - 1);
        }
        List<Point> s = new ArrayList<>(points);
        s.sort(Comparator.comparingDouble(Point::currentA));
        double pMax = 0;
        double fMin = Double.POSITIVE_INFINITY;
        double fMax = Double.NEGATIVE_INFINITY;
        for (Point p : s) {
            pMax = Math.max(pMax, p.powerW());
            if (Double.isFinite(p.peakHz())) {
                fMin = Math.min(fMin, p.peakHz());
                fMax = Math.max(fMax, p.peakHz());
            }
        }
        double pScale = pMax > 0 ? pMax : 1;
        double fScale = fMax > fMin ? fMax - fMin : 1;
        double lineFloor = LINE_FRACTION * pScale;
        int m = s.size();
        double[] bend = new double[m];
        for (int j = 1; j < m - 1; j++) {
            double left = Math.atan2((s.get(j).powerW() - s.get(j - 1).powerW()) / pScale,
                    (s.get(j).currentA() - s.get(j - 1).currentA()) / (to - from));
            double right = Math.atan2((s.get(j + 1).powerW() - s.get(j).powerW()) / pScale,
                    (s.get(j + 1).currentA() - s.get(j).currentA()) / (to - from));
            bend[j] = Math.abs(right - left);
        }
        // Where the p(I) fit of the points so far puts the threshold: the fit needs points just above it most.
        double[] cur = new double[m];
        double[] pow = new double[m];
        for (int j = 0; j < m; j++) {
            cur[j] = s.get(j).currentA();
            pow[j] = s.get(j).powerW();
        }
        PowerCurveFit.Outcome fit = PowerCurveFit.attempt(cur, pow);
        if (fit.determined()) {
            threshold = fit.fit().thresholdA(); // else the last fit that was determined stands
        }
        double thLo = threshold * (1 - THRESHOLD_BAND / 2);
        double thHi = threshold * (1 + THRESHOLD_BAND);
        double best = 0;
        double at = Double.NaN;
        for (int j = 0; j + 1 < m; j++) {
            Point a = s.get(j);
            Point b = s.get(j + 1);
            double width = b.currentA() - a.currentA();
            if (width < 2 * minStepA) {
                continue;
            }
            double dx = width / (to - from);
            double dp = (b.powerW() - a.powerW()) / pScale;
            // The frequency of a weak line (a thermal line below threshold) is noise, not f(I): only strong lines count.
            boolean strong = a.powerW() >= lineFloor && b.powerW() >= lineFloor;
            double df = strong && Double.isFinite(a.peakHz()) && Double.isFinite(b.peakHz())
                    ? (b.peakHz() - a.peakHz()) / fScale : 0;
            double loss = Math.sqrt(dx * dx + dp * dp + df * df) * (1 + bend[j] + bend[j + 1]);
            if ((a.powerW() >= lineFloor) != (b.powerW() >= lineFloor)) {
                loss += 1; // the line rises out of the floor inside: the threshold is here
            }
            if (b.currentA() > thLo && a.currentA() < thHi) {
                loss += 1; // around the threshold the fit so far found
            }
            if (loss > best) {
                best = loss;
                at = a.currentA() + width / 2;
            }
        }
        return at;
    }
}
