package io.spinloop.measurements;

import java.util.Map;
import java.util.Objects;

/**
 * One current sweep of one device: a spectrum per drive current and the quantities derived from it.
 * Arrays are indexed by point {@code i} (current) and frequency bin {@code j}; all values in SI units
 * (A, Hz, W, s) except the spectrum, which is in dBm as the analyzer reports it.
 *
 * @param index           position under {@code /sweeps}
 * @param deviceId        the device measured
 * @param complete        false when the run ended (crash, abort) before the sweep was finished
 * @param settings        analyzer (and source) settings, as stored in the group's attributes
 * @param frequencyHz     (M) analyzer frequency axis
 * @param currentA        (N) drive current of each point
 * @param spectrumDbm     (N×M) trace of each point
 * @param peakFrequencyHz (N) fitted line centre; NaN where no line was found (below threshold)
 * @param powerW          (N) integrated power of the line
 * @param linewidthHz     (N) fitted full width at half maximum; NaN where no line was found
 * @param timestampS      (N) seconds since the run was created, when each point was recorded
 */
public record Sweep(
        int index,
        String deviceId,
        boolean complete,
        Map<String, Object> settings,
        double[] frequencyHz,
        double[] currentA,
        double[][] spectrumDbm,
        double[] peakFrequencyHz,
        double[] powerW,
        double[] linewidthHz,
        double[] timestampS) {

    public Sweep {
        Objects.requireNonNull(deviceId, "deviceId");
        settings = Map.copyOf(settings);
        int n = currentA.length;
        if (spectrumDbm.length != n || peakFrequencyHz.length != n || powerW.length != n
                || linewidthHz.length != n || timestampS.length != n) {
            throw new IllegalArgumentException("sweep " + index + ": per-point arrays differ in length");
        }
    }

    /** Number of points (currents) recorded. */
    public int points() {
        return currentA.length;
    }
}
