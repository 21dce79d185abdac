package io.spinloop.lab.map;

import io.spinloop.measurements.MapGrid;
import io.spinloop.measurements.MapRecorder;

/**
 * Where to centre the analyzer at a point of a field map, so that its span follows the line as the field moves it
 * by GHz (a span set for one field holds the line only within a few mT of it). The span is centred on where the line
 * is predicted to be at this point:
 *
 * <ol>
 * <li><b>from the rows before</b>: its centre at the same current on the previous row, plus the shift between the two
 * rows before at that current (else their mean shift over the currents where both saw a line), scaled by the field
 * steps: a linear extrapolation along the slow axis; on the second row, the shift this row already showed against
 * the first;</li>
 * <li><b>else from this row</b>: the last two lines of the row extrapolated by one current step (the line moves
 * with the current: −240 MHz/mA for the default device), or the last line;</li>
 * <li><b>else searched where lost</b>: where no line stands out of a spectrum but one is expected (nothing found on
 * the map yet, the previous row had a line at this current, or the previous point of this row had one), one wide
 * sweep of {@link #SEARCH_SPANS} spans, not recorded, finds it and centres the span on it, and the point is taken
 * again.</li>
 * </ol>
 */
final class SpanFollower {
    /** The search span, in configured spans: 8 spans of 1 GHz find a line up to 4 GHz away. */
    static final double SEARCH_SPANS = 8;

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
        double a = iy == 0 ? Double.NaN : map.lineHz(ix, iy - 1);
        if (Double.isFinite(a)) {
            double[] y = grid.y();
            if (iy >= 2 && y[iy - 1] != y[iy - 2]) {
                double ratio = (y[iy] - y[iy - 1]) / (y[iy - 1] - y[iy - 2]);
                double b = map.lineHz(ix, iy - 2);
                double shift = Double.isFinite(b) ? a - b : meanShift(map, iy - 1, iy - 2);
                if (Double.isFinite(shift)) {
                    return a + shift * ratio;
                }
            }
            double seen = meanShift(map, iy, iy - 1);
            if (Double.isFinite(seen)) {
                return a + seen;
            }
        }
        if (Double.isFinite(lastLineHz)) {
            return Double.isFinite(beforeLastHz) ? 2 * lastLineHz - beforeLastHz : lastLineHz;
        }
        return Double.NaN;
    }

    /** Whether a point without a line should search for it. */
    boolean expectsLine(MapRecorder map, int ix, int iy, boolean previousPointHadLine, boolean anyLineYet) {
        return !anyLineYet || previousPointHadLine || iy > 0 && Double.isFinite(map.lineHz(ix, iy - 1));
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
