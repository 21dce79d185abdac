package io.spinloop.drivers.transport;

import java.io.Closeable;
import java.time.Duration;

/**
 * A message pipe to one instrument, the same for TCP sockets and serial ports. Messages are ASCII
 * text ended by the resource's terminator; binary payloads (IEEE 488.2 blocks) are read by exact length
 * with {@link #receiveExact}. A transport is not thread-safe: {@code ScpiSession} serialises access.
 *
 * <p>Every failure names the resource and the command whose reply was awaited. After a timeout or a
 * dropped connection the transport is {@linkplain #needsReopen() stale}: the rest of a late reply may
 * still arrive, so it must be {@linkplain #reopen() reopened} before the next exchange.
 */
public interface Transport extends Closeable {

    /** The canonical resource string, e.g. {@code tcp://127.0.0.1:5025}. */
    String resource();

    /** Sends one message followed by the write terminator, in a single write. */
    void send(String message);

    /**
     * Receives one complete message, without its terminator.
     *
     * @param command the command whose reply this is, named in any error
     * @throws TransportTimeoutException if the complete message does not arrive within the timeout
     */
    String receive(String command);

    /** Receives the next byte of the reply to {@code command} (used to read block headers). */
    int receiveByte(String command);

    /** Receives exactly {@code length} bytes, terminators included, as binary data. */
    void receiveExact(byte[] destination, int offset, int length, String command);

    /** Time allowed for each receive call. */
    Duration timeout();

    void setTimeout(Duration timeout);

    /** True after a timeout, a dropped connection or a protocol error: the stream may be out of step. */
    boolean needsReopen();

    /**
     * Closes and opens the link again, discarding anything in flight: a fresh TCP connection, or the serial
     * port closed, reopened and its input drained. After a timeout a serial line or device file is kept instead
     * ({@link #keptLineOnReopen()}).
     */
    void reopen();

    /**
     * True when the last {@link #reopen()} kept the line as it was: a serial line or a device file after a timeout,
     * where there is no device clear and reopening would reach the same output queue anyway, only losing part of a
     * reply still on its way. Replies to earlier commands may then still arrive, in order, ahead of the next one.
     */
    default boolean keptLineOnReopen() {
        return false;
    }

    /** Closes the link; never throws. */
    @Override
    void close();
}
