package io.spinloop.measurements;

import java.util.Map;
import java.util.Objects;

/**
 * One 2-D map of one device under {@code /maps/<i>}: a spectrum and its fitted line at every point of a grid,
 * point arrays in the order the points were taken (each grid point at most once).
 *
 * @param index           position under {@code /maps}
 * @param complete        false when the run ended before every grid point was taken
 * @param grid            axes, units and order
 * @param settings        analyzer (and source) settings, as stored in the group's attributes
 * @param ix              (N) fast-axis grid index of each point
 * @param iy              (N) slow-axis grid index of each point
 * @param x               (N) fast-axis value set, in {@code grid.xUnit()}
 * @param y               (N) slow-axis value set, in {@code grid.yUnit()}
 * @param direction       (N) +1 when the fast axis was swept upwards at this point, -1 downwards (hysteresis)
 * @param spectrumDbm     (N×M) trace of each point
 * @param peakFrequencyHz (N) fitted line centre; NaN where no line was found
 * @param powerW          (N) integrated power of the line
 * @param linewidthHz     (N) fitted FWHM; NaN where no line was found
 * @param timestampS      (N) seconds since the run was created
 * @param analyzerCentreHz (N) the analyzer's centre frequency for each point's spectrum, which follows the line
 *                        along the slow axis; NaN where the analyzer stayed on {@code frequencyHz}
 * @param yRead           (N) the slow axis read back when the point's row was set (the gaussmeter's field); NaN
 *                        where nothing was read
 */
public record SpectrumMap(int index, String deviceId, boolean complete, MapGrid grid, Map<String, Object> settings,
                          double[] frequencyHz, int[] ix, int[] iy, double[] x, double[] y, int[] direction,
                          double[][] spectrumDbm, double[] peakFrequencyHz, double[] powerW, double[] linewidthHz,
                          double[] timestampS, double[] analyzerCentreHz, double[] yRead) {
    public SpectrumMap {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(grid, "grid");
        settings = Map.copyOf(settings);
        int n = ix.length;
        if (iy.length != n || x.length != n || y.length != n || direction.length != n || spectrumDbm.length != n
                || peakFrequencyHz.length != n || powerW.length != n || linewidthHz.length != n
                || timestampS.length != n || analyzerCentreHz.length != n || yRead.length != n) {
            throw new IllegalArgumentException("map " + index + ": point arrays of different lengths");
        }
    }

    public int points() {
        return ix.length;
    }

    /**
     * The frequency of each bin of point k's spectrum: {@code frequencyHz} moved to the centre the analyzer had for
     * that point (the span is the same at every point).
     */
    public double[] frequencyAxisAt(int k) {
        double c = analyzerCentreHz[k];
        if (Double.isNaN(c)) {
            return frequencyHz.clone();
        }
        double shift = c - 0.5 * (frequencyHz[0] + frequencyHz[frequencyHz.length - 1]);
        double[] f = new double[frequencyHz.length];
        for (int j = 0; j < f.length; j++) {
            f[j] = frequencyHz[j] + shift;
        }
        return f;
    }

    /** The slow axis's value at point k: read back where it was, else as set. */
    public double yAt(int k) {
        return Double.isNaN(yRead[k]) ? y[k] : yRead[k];
    }

    /** The point taken at grid position (ix, iy), or -1. */
    public int pointAt(int gx, int gy) {
        for (int k = 0; k < ix.length; k++) {
            if (ix[k] == gx && iy[k] == gy) {
                return k;
            }
        }
        return -1;
    }
}
