package io.spinloop.lab.chip;

import io.spinloop.drivers.analyzer.SpectrumTrace;
import java.util.Arrays;

/**
 * Where a line is in a swept spectrum, to a small part of its width. The peak marker alone lands on whichever point of
 * the line's top the detected noise lifts highest: on a 10 MHz line read with one look per point it wanders by about
 * 2 MHz from sweep to sweep. Line tracking retunes the zero span to it before every list, so that wander became a
 * common offset on every reading of the list (issue 17: about 0.2 dB per list on the emulated bench, one offset for a
 * whole training batch once lists hold 2,500 points). The centre of the power above the floor, over a window
 * 1.5 half-power widths either side, averages the wander over the hundreds of points the line covers.
 */
final class LineCentre {
    /** Points of the first running mean, which finds the line's width (single points' noise would cut it short). */
    private static final int FIRST_SMOOTH = 11;
    /** The centre is taken over this many half-power half-widths either side. */
    private static final double WINDOW_HALF_WIDTHS = 3;
    private static final int PASSES = 6;

    private LineCentre() {
    }

    /**
     * The power-weighted centre (linear power above the trace's median, the floor) of the line whose peak the marker
     * found at {@code peakHz}; {@code peakHz} itself when the trace is too short or shows no line to centre.
     */
    static double of(SpectrumTrace trace, double peakHz) {
        double[] f = trace.frequencyHz();
        int n = f.length;
        if (n < 4 * FIRST_SMOOTH) {
            return peakHz;
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.pow(10, trace.powerDbm()[i] / 10.0);
        }
        double[] sorted = w.clone();
        Arrays.sort(sorted);
        double floor = sorted[n / 2];
        int[] first = halfPower(w, floor, FIRST_SMOOTH, nearest(f, peakHz));
        if (first == null) {
            return peakHz;
        }
        // smoothed over the line's own width, the half-power points are found to a fraction of it
        int[] edges = halfPower(w, floor, Math.max(FIRST_SMOOTH, (first[1] - first[0]) | 1), first[2]);
        if (edges == null) {
            return peakHz;
        }
        double halfWidth = Math.max(f[1] - f[0], (f[edges[1]] - f[edges[0]]) / 2) * WINDOW_HALF_WIDTHS;
        double centre = (f[edges[0]] + f[edges[1]]) / 2;
        for (int pass = 0; pass < PASSES; pass++) {
            double num = 0;
            double den = 0;
            for (int i = 0; i < n; i++) {
                if (Math.abs(f[i] - centre) <= halfWidth) {
                    double p = Math.max(0, w[i] - floor);
                    num += p * f[i];
                    den += p;
                }
            }
            if (!(den > 0)) {
                return peakHz;
            }
            centre = num / den;
        }
        return centre;
    }

    private static int nearest(double[] f, double hz) {
        int best = 0;
        for (int i = 0; i < f.length; i++) {
            if (Math.abs(f[i] - hz) < Math.abs(f[best] - hz)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The first and last point above half the top of the running mean over {@code k} points (floor removed) about its
     * highest point within {@code k} points of {@code near}, and that top; null when nothing stands above the floor.
     */
    private static int[] halfPower(double[] w, double floor, int k, int near) {
        int n = w.length;
        double[] smooth = new double[n];
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + w[i];
        }
        for (int i = 0; i < n; i++) {
            int from = Math.max(0, i - k / 2);
            int to = Math.min(n, i + k / 2 + 1);
            smooth[i] = (prefix[to] - prefix[from]) / (to - from) - floor;
        }
        int top = near;
        for (int i = Math.max(0, near - k); i <= Math.min(n - 1, near + k); i++) {
            if (smooth[i] > smooth[top]) {
                top = i;
            }
        }
        double half = smooth[top] / 2;
        if (!(half > 0)) {
            return null;
        }
        int lo = top;
        while (lo > 0 && smooth[lo - 1] > half) {
            lo--;
        }
        int hi = top;
        while (hi < n - 1 && smooth[hi + 1] > half) {
            hi++;
        }
        return new int[] {lo, hi, top};
    }
}
