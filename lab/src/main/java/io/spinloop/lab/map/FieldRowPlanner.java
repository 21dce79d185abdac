package io.spinloop.lab.map;

/**
 * Which row of a map to measure next when only {@code budget} of its slow-axis values may be measured
 * ({@code measure map --refine-rows N}): spend the rows where the line moves fastest along the slow axis, rather
 * than on a uniform grid. The candidates are the grid's values (the finest step allowed).
 *
 * <p>First a coarse uniform pass over the candidates (a third of the budget, at least 3, both ends included); then
 * each row halves the interval between two measured neighbours that is longest in normalised (y, f) coordinates,
 * y over the grid's range and f (the row's median line) over the range of the lines seen: a steep f(y) makes an
 * interval long, and a flat one still gets rows in proportion to its width. An interval whose end saw no line counts
 * as steep (where the line went is unknown). Ties go to the lower y. The choice depends only on the rows measured,
 * so a resumed run chooses as the interrupted one did.
 */
public final class FieldRowPlanner {
    private FieldRowPlanner() {
    }

    /** Rows of the coarse pass for a budget. */
    static int coarseRows(int budget, int candidates) {
        return Math.min(candidates, Math.max(3, budget / 3));
    }

    /**
     * The next row to measure, or -1 when the budget is spent or no interval can be halved.
     *
     * @param y        the grid's slow-axis values (candidates), monotonic
     * @param measured which rows are measured in full
     * @param lineHz   each measured row's median line (NaN where it saw none)
     * @param budget   rows to measure in all
     */
    public static int next(double[] y, boolean[] measured, double[] lineHz, int budget) {
        int n = y.length;
        int done = 0;
        for (boolean m : measured) {
            done += m ? 1 : 0;
        }
        if (done >= Math.min(budget, n)) {
            return -1;
        }
        int coarse = coarseRows(budget, n);
        for (int i = 0; i < coarse; i++) {
            int r = coarse == 1 ? 0 : (int) Math.round((double) i * (n - 1) / (coarse - 1));
            if (!measured[r]) {
                return r;
            }
        }
        double fMin = Double.POSITIVE_INFINITY;
        double fMax = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < n; r++) {
            if (measured[r] && Double.isFinite(lineHz[r])) {
                fMin = Math.min(fMin, lineHz[r]);
                fMax = Math.max(fMax, lineHz[r]);
            }
        }
        double yRange = Math.abs(y[n - 1] - y[0]);
        double fRange = fMax > fMin ? fMax - fMin : 1;
        int best = -1;
        double longest = 0;
        int prev = -1;
        for (int r = 0; r < n; r++) {
            if (!measured[r]) {
                continue;
            }
            if (prev >= 0 && r - prev >= 2) {
                double dy = yRange > 0 ? Math.abs(y[r] - y[prev]) / yRange : 0;
                double df = Double.isFinite(lineHz[r]) && Double.isFinite(lineHz[prev])
                        ? Math.abs(lineHz[r] - lineHz[prev]) / fRange : 1;
                double length = Math.hypot(dy, df);
                if (length > longest) {
                    longest = length;
                    best = (prev + r) / 2;
                }
            }
            prev = r;
        }
        return best;
    }
}
