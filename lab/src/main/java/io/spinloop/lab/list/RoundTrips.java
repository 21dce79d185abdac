package io.spinloop.lab.list;

/**
 * Counts the instrument operations a deployment issues, each one a driver call that waits for an instrument's
 * answer (arm a zero span, run a list, collect a trace, ramp the source, switch the output): the cost of a
 * deployment mode in round trips, independent of how fast the instruments are.
 */
public final class RoundTrips {
    private long operations;
    private long listPoints;
    private long lists;

    /** One more instrument operation. */
    public void operation() {
        operations++;
    }

    /** One more list of {@code points} played. */
    public void list(int points) {
        lists++;
        listPoints += points;
    }

    public long operations() {
        return operations;
    }

    public long lists() {
        return lists;
    }

    public long listPoints() {
        return listPoints;
    }

    public void reset() {
        operations = 0;
        lists = 0;
        listPoints = 0;
    }
}
