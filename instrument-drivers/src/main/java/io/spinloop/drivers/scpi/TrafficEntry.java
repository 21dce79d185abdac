package io.spinloop.drivers.scpi;

import java.time.Instant;

/**
 * One message on the wire. Binary blocks are summarised ({@code #42004<4004 bytes>}), not dumped.
 *
 * @param instrument the session's name, e.g. {@code smu1}
 * @param transport  how the message went, as errors name it ({@code GPIB0::24::INSTR via Prologix GPIB-USB at
 *                   serial:///dev/ttyUSB0...}), or null
 */
public record TrafficEntry(Instant time, String instrument, Direction direction, String text, String transport) {

    /** An entry that does not name its transport. */
    public TrafficEntry(Instant time, String instrument, Direction direction, String text) {
        this(time, instrument, direction, text, null);
    }

    /** Which way a message went. */
    public enum Direction {
        /** From us to the instrument. */
        SENT,
        /** From the instrument to us. */
        RECEIVED
    }

    @Override
    public String toString() {
        return time + " " + instrument + (direction == Direction.SENT ? " << " : " >> ") + text
                + (transport == null ? "" : "   [" + transport + "]");
    }
}
