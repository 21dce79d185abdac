package io.spinloop.lab.chip;

/**
 * How a device is read: zero span at {@code centerHz} with resolution bandwidth {@code rbwHz}, each list point
 * held {@code dwellS} (the source delay), {@code binsPerPoint} trace points per list point
 * (those in its middle half averaged, {@link io.spinloop.lab.list.ListPlayer#wattsPerPoint}), lists of at
 * most {@code maxListPoints} points (Keithley 2400: 100).
 *
 * <p>{@code pointPeriodS} is how long one list point really lasts: the source delay plus the SourceMeter's
 * measurement at each point (1 NPLC is 17-20 ms) and its overhead. It is measured at calibration
 * ({@link io.spinloop.lab.list.PointPeriod}), since the zero-span sweep must span the whole list.
 */
public record ZeroSpanSettings(double centerHz, double rbwHz, double dwellS, double pointPeriodS, int binsPerPoint,
                               int maxListPoints) {
    public ZeroSpanSettings {
        if (!(centerHz > 0) || !(rbwHz > 0) || !(dwellS > 0) || !(pointPeriodS >= dwellS) || binsPerPoint < 1
                || maxListPoints < 2) {
            throw new IllegalArgumentException("zero-span settings out of range: " + centerHz + " Hz, RBW " + rbwHz
                    + " Hz, dwell " + dwellS + " s, period " + pointPeriodS + " s, " + binsPerPoint + " bins, lists of " + maxListPoints);
        }
    }
}
