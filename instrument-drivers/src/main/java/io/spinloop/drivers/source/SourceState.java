package io.spinloop.drivers.source;

/**
 * What a source reported about itself when asked, as opposed to what this process believes it set.
 *
 * @param outputOn whether its output is on
 * @param levelA   its programmed source level, in A (current flows only with the output on)
 */
public record SourceState(boolean outputOn, double levelA) {
    /** True when current can flow: output on at a level other than 0 A. */
    public boolean currentFlowing() {
        return outputOn && levelA != 0;
    }

    @Override
    public String toString() {
        return "output " + (outputOn ? "ON" : "OFF") + " at " + SafeCurrentSource.amps(levelA);
    }
}
