package io.spinloop.drivers.analyzer;

/**
 * The analyzer's sweep as it reports it (the instrument may have coupled or rounded what was asked).
 *
 * @param startHz             first frequency, in Hz
 * @param stopHz              last frequency, in Hz (equal to start in zero span)
 * @param resolutionBandwidthHz RBW, in Hz
 * @param videoBandwidthHz    VBW, in Hz
 * @param points              trace points
 * @param sweepTimeS          sweep time, in s
 */
public record SweepSettings(double startHz, double stopHz, double resolutionBandwidthHz, double videoBandwidthHz,
                            int points, double sweepTimeS) {

    public double centerHz() {
        return 0.5 * (startHz + stopHz);
    }

    public double spanHz() {
        return stopHz - startHz;
    }

    /** The frequency of each trace point, in Hz (points equally spaced from start to stop). */
    public double[] frequencyAxis() {
        double[] f = new double[points];
        double step = points > 1 ? (stopHz - startHz) / (points - 1) : 0;
        for (int i = 0; i < points; i++) {
            f[i] = startHz + i * step;
        }
        return f;
    }
}
