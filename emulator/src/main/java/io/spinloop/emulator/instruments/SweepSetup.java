package io.spinloop.emulator.instruments;

import io.spinloop.emulator.physics.VoigtProfile;
import io.spinloop.emulator.scpi.ScpiError;

/**
 * The settings a sweep runs with, frozen when it starts, and what they say about its trace: the x axis
 * (frequencies, or times in zero span), the point nearest an x, the power in a band.
 */
record SweepSetup(double start, double stop, double rbw, double vbw, int points, double sweepTime, double looks) {
    boolean zeroSpan() {
        return stop == start;
    }

    double totalTime(double averages) {
        return sweepTime * averages;
    }

    /** The x of point {@code i}: Hz, or in zero span seconds since the sweep started. */
    double axis(int i) {
        if (points == 1) {
            return zeroSpan() ? 0 : start;
        }
        double step = zeroSpan() ? sweepTime / (points - 1) : (stop - start) / (points - 1);
        return zeroSpan() ? i * step : start + i * step;
    }

    /** The point whose x is nearest {@code x}. */
    int nearest(double x) {
        if (points == 1) {
            return 0;
        }
        double first = axis(0);
        double step = axis(1) - first;
        int i = (int) Math.round((x - first) / step);
        return Math.max(0, Math.min(points - 1, i));
    }

    /**
     * Power between two frequencies (or, in zero span, the mean power between two times), dBm: the trace's
     * linear power summed over the points inside, scaled by point spacing over noise bandwidth, as analyzers do.
     */
    double bandPower(float[] data, double from, double to) {
        double first = axis(0);
        double last = axis(points - 1);
        double slack = points > 1 ? 0.5 * (last - first) / (points - 1) : 0;
        if (from < first - slack || to > last + slack) {
            return Double.NaN; // an edge off screen: the X-series reports not-a-number
        }
        double sum = 0;
        int count = 0;
        for (int i = 0; i < points; i++) {
            double x = axis(i);
            if (x >= from && x <= to) {
                sum += Math.pow(10, data[i] / 10);
                count++;
            }
        }
        if (count == 0) {
            throw ScpiError.SETTINGS_CONFLICT.exception("band holds no trace point");
        }
        if (zeroSpan()) {
            return 10 * Math.log10(sum / count);
        }
        double spacing = (stop - start) / Math.max(1, points - 1);
        double enbw = VoigtProfile.GAUSSIAN_NOISE_BANDWIDTH * rbw;
        return 10 * Math.log10(sum * spacing / enbw);
    }
}
