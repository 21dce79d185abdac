package io.spinloop.lab.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Timeouts of one instrument, in seconds.
 *
 * @param connectS how long opening the connection may take
 * @param readS    how long a reply may take (a single sweep's time is added to it by the drivers)
 */
public record Timeouts(@JsonProperty("connect_s") Double connectS, @JsonProperty("read_s") Double readS) {
    public Timeouts {
        connectS = connectS == null ? 2.0 : connectS;
        readS = readS == null ? 5.0 : readS;
    }

    static Timeouts defaults() {
        return new Timeouts(null, null);
    }

    public Duration connect() {
        return Duration.ofNanos(Math.round(connectS * 1e9));
    }

    public Duration read() {
        return Duration.ofNanos(Math.round(readS * 1e9));
    }
}
