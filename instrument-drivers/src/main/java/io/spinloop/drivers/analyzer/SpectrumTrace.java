package io.spinloop.drivers.analyzer;

/**
 * A swept spectrum: power in each bin versus the bin's frequency.
 *
 * @param frequencyHz the frequency of each point, in Hz
 * @param powerDbm    the power in each point, in dBm (as the analyzer displays it, RBW-dependent for noise)
 */
public record SpectrumTrace(double[] frequencyHz, float[] powerDbm) {
    public SpectrumTrace {
        if (frequencyHz.length != powerDbm.length) {
            throw new IllegalArgumentException("trace has " + powerDbm.length + " powers but "
                    + frequencyHz.length + " frequencies");
        }
    }

    public int points() {
        return powerDbm.length;
    }
}
