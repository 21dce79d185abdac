package io.spinloop.drivers.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One GPIB instrument behind a {@link PrologixController}. Each reply is fetched whole by the controller in one
 * step (so no other instrument's exchange can come between its parts) and handed out from here, line by line or
 * byte by byte, as the SCPI session asks for it.
 */
final class GpibTransport implements Transport {
    private final PrologixController controller;
    private final String address; // the ++addr argument: primary, and secondary + 96 if any
    private final String label;
    private Duration timeout;
    private byte[] reply = new byte[0];
    private int next;
    private boolean stale;
    private boolean closed;

    GpibTransport(PrologixController controller, ResourceString.Gpib gpib, Duration timeout) {
        this.controller = controller;
        VisaResource.Gpib a = gpib.address();
        this.address = a.primary() + (a.secondary() < 0 ? "" : " " + (96 + a.secondary()));
        this.label = gpib.label(controller);
        this.timeout = timeout;
    }

    @Override
    public String resource() {
        return label;
    }

    @Override
    public void send(String message) {
        requireOpen(message);
        if (message.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("command to " + label + " contains a newline: '" + message + "'");
        }
        next = reply.length; // a new message: whatever was left of the last reply is stale on the instrument too
        try {
            controller.write(address, message, label);
        } catch (TransportException e) {
            stale = true;
            throw e;
        }
    }

    @Override
    public String receive(String command) {
        fetchIfEmpty(command);
        int start = next;
        while (next < reply.length && reply[next] != '\n') {
            next++;
        }
        int stop = next;
        if (next < reply.length) {
            next++; // the LF
        }
        if (stop > start && reply[stop - 1] == '\r') {
            stop--;
        }
        return new String(reply, start, stop - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public int receiveByte(String command) {
        fetchIfEmpty(command);
        return reply[next++] & 0xFF;
    }

    @Override
    public void receiveExact(byte[] destination, int offset, int length, String command) {
        fetchIfEmpty(command);
        if (reply.length - next < length) {
            stale = true;
            throw new TransportException(label + ": the reply to '" + command + "' ended " + (length
                    - (reply.length - next)) + " bytes short of its block length");
        }
        System.arraycopy(reply, next, destination, offset, length);
        next += length;
    }

    private void fetchIfEmpty(String command) {
        requireOpen(command);
        if (next < reply.length) {
            return;
        }
        try {
            reply = controller.read(address, command, timeout, label);
            next = 0;
        } catch (TransportException e) {
            stale = true;
            reply = new byte[0];
            next = 0;
            throw e;
        }
    }

    private void requireOpen(String command) {
        if (closed) {
            throw new TransportException(label + " is closed; cannot handle '" + command + "'");
        }
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public void setTimeout(Duration timeout) {
        if (timeout.toMillis() <= 0) {
            throw new IllegalArgumentException("timeout must be at least 1 ms, got " + timeout);
        }
        this.timeout = timeout;
    }

    @Override
    public boolean needsReopen() {
        return stale || closed;
    }

    /** The controller already cleared the instrument and renewed its link after the failure; start afresh. */
    @Override
    public void reopen() {
        reply = new byte[0];
        next = 0;
        controller.ensureOpen();
        stale = false;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            controller.release();
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
