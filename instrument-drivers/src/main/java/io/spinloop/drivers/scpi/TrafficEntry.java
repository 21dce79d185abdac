package io.spinloop.drivers.scpi;

import java.time.Instant;

/**
 * One message on the wire. Binary blocks are summarised ({@code #42004<4004 bytes>}), not dumped.
 *
 * @param instrument the session's name, e.g. {@code smu1}
 */
public record TrafficEntry(Instant time, String instrument, Direction direction, String text) {

    /** Which way a message went. */
    public enum Direction {
        /** From us to the instrument. */
        SENT,
        /** From the instrument to us. */
        RECEIVED
    }

    @Override
    public String toString() {
        return time + " " + instrument + (direction == Direction.SENT ? " << " : " >> ") + text;
    }
}
