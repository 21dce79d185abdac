package io.spinloop.lab.map;

import io.spinloop.measurements.MapGrid;
import io.spinloop.measurements.MapRecorder;

/**
 * Where to centre the analyzer at a point of a field map, so that its span follows the line as the field moves it
 * by GHz (a span set for one field holds the line only within a few mT of it). The span is centred on where the line
 * is predicted to be at this point:
 *
 * <ol>
 * <li><b>from the rows already measured</b>: the lines at the same current on the two rows nearest in field that had
 * one there, inter- or extrapolated linearly in field (row by row, the two rows before); with only one such row, its
 * line plus the shift this row already showed against it;</li>
 * <li><b>else from this row</b>: the last two lines of the row extrapolated by one current step (the line moves
 * with the current: −240 MHz/mA for the default device), or the last line;</li>
 * <li><b>else searched where lost</b>: where no line stands out of a spectrum but one is expected (nothing found on
 * the map yet, the nearest measured row had a line at this current, or the previous point of this row had one), one
 * wide sweep of {@link #SEARCH_SPANS} spans, not recorded, finds it and centres the span on it, and the point is
 * taken again.</li>
 * </ol>
 * A prediction can miss by more than the span allows (a coarse first pass of {@code --refine-rows} extrapolates over
 * tens of mT): a line found near the span's edge ({@link #EDGE}) is centred and the point taken again.
 */
final class SpanFollower {
    /** The search span, in configured spans: 8 spans of 1 GHz find a line up to 4 GHz away. */
    static final double SEARCH_SPANS = 8;
    /**
     * A line found further than this many spans from the centre is near the edge (part of it may lie beyond, which
     * biases its power and width): the span is centred on it and the point taken again, at most twice.
     */
    static final double EDGE = 0.3;

    private final MapGrid grid;

    SpanFollower(MapGrid grid) {
        this.grid = grid;
    }

    /**
     * Where the line is predicted at point (ix, iy), or NaN where nothing predicts it.
     *
     * @param lastLineHz   the line of the previous point of this row (NaN where none)
     * @param beforeLastHz the line of the point before that (NaN where none)
     */
    double predictedLine(MapRecorder map, int ix, int iy, double lastLineHz, double beforeLastHz) {
        double[] y = grid.y();
        int a = nearestRowWithLine(map, ix, iy, -1);
        if (a >= 0) {
            int b = nearestRowWithLine(map, ix, iy, a);
            double la = map.lineHz(ix, a);
            if (b >= 0 && y[a] != y[b]) {
                double lb = map.lineHz(ix, b);
                return la + (lb - la) * (y[iy] - y[a]) / (y[b] - y[a]);
            }
            double seen = meanShift(map, iy, a);
            if (Double.isFinite(seen)) {
                return la + seen;
            }
        }
        if (Double.isFinite(lastLineHz)) {
            return Double.isFinite(beforeLastHz) ? 2 * lastLineHz - beforeLastHz : lastLineHz;
        }
        return Double.NaN;
    }

    /** Whether a point without a line should search for it. */
    boolean expectsLine(MapRecorder map, int ix, int iy, boolean previousPointHadLine, boolean anyLineYet) {
        return !anyLineYet || previousPointHadLine || nearestRowWithLine(map, ix, iy, -1) >= 0;
    }

    /** The row other than iy and {@code except} nearest to row iy in field with a line at ix; -1 where none. */
    private int nearestRowWithLine(MapRecorder map, int ix, int iy, int except) {
        double[] y = grid.y();
        int best = -1;
        for (int r = 0; r < y.length; r++) {
            if (r != iy && r != except && Double.isFinite(map.lineHz(ix, r))
                    && (best < 0 || Math.abs(y[r] - y[iy]) < Math.abs(y[best] - y[iy]))) {
                best = r;
            }
        }
        return best;
    }

    /** Mean of line(ix, r) − line(ix, s) over the currents where both rows saw a line; NaN where none did. */
    private double meanShift(MapRecorder map, int r, int s) {
        double sum = 0;
        int n = 0;
        for (int ix = 0; ix < grid.x().length; ix++) {
            double a = map.lineHz(ix, r);
            double b = map.lineHz(ix, s);
            if (Double.isFinite(a) && Double.isFinite(b)) {
                sum += a - b;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
