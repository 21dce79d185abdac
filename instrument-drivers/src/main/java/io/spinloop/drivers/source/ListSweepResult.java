package io.spinloop.drivers.source;

/**
 * What a list sweep sourced and measured, point by point.
 *
 * @param sourced  the programmed currents, in A
 * @param voltage  the voltage measured at each point, in V
 * @param current  the current read back at each point, in A
 */
public record ListSweepResult(double[] sourced, double[] voltage, double[] current) {
    public int points() {
        return sourced.length;
    }
}
