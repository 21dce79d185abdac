package io.spinloop.drivers.transport;

import java.io.Closeable;
import java.io.IOException;

/**
 * The raw byte pipe under a {@link Transport}: a TCP socket or a serial port. It knows nothing of
 * messages; framing (terminators, exact-length reads, deadlines) lives in {@link FramedTransport},
 * so both media share one tested implementation.
 */
interface ByteLink extends Closeable {

    /**
     * Reads what is available, at least one byte, waiting at most {@code timeoutMillis}.
     *
     * @return the number of bytes read (&gt; 0), 0 if nothing arrived in time, -1 if the peer closed the link
     * @throws IOException when the link failed (the message names the resource)
     */
    int read(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException;

    /** Writes all bytes, or throws. */
    void write(byte[] buffer, int offset, int length) throws IOException;
}
