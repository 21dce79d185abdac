package io.spinloop.lab.list;

/**
 * The analyzer's zero span for one list: the power in an {@code rbwHz} filter at {@code centerHz}, {@code bins}
 * points over {@code sweepS}, started by the list's first trigger pulse.
 */
public record ZeroSpan(double centerHz, double rbwHz, double sweepS, int bins) {
    public ZeroSpan {
        if (!(centerHz > 0) || !(rbwHz > 0) || !(sweepS > 0) || bins < 2) {
            throw new IllegalArgumentException("zero span out of range: " + centerHz + " Hz, RBW " + rbwHz + " Hz, "
                    + sweepS + " s, " + bins + " points");
        }
    }
}
