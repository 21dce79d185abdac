package io.spinloop.drivers;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the driver waits: to open a connection, and for one whole reply message.
 * A reply that does not arrive complete within {@code read} is a timeout (never a partial reply).
 *
 * @param connect time to open a TCP connection or a serial port
 * @param read    time for one complete reply, from the moment we start reading it
 */
public record Timeouts(Duration connect, Duration read) {
    /** 3 s to connect and 5 s per reply, as QCoDeS and most lab frameworks use for SCPI over LAN. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(5));

    public Timeouts {
        Objects.requireNonNull(connect, "connect timeout");
        Objects.requireNonNull(read, "read timeout");
        if (connect.isNegative() || connect.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, got " + connect);
        }
        if (read.isNegative() || read.isZero()) {
            throw new IllegalArgumentException("read timeout must be positive, got " + read);
        }
    }

    public Timeouts withRead(Duration newRead) {
        return new Timeouts(connect, newRead);
    }
}
