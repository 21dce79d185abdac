package io.spinloop.drivers.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A transport whose protocol marks the end of each message itself (VXI-11's END flag, HiSLIP's DataEnd, GPIB's EOI
 * as a Prologix controller reads it), so a reply is read whole in one step and handed out from here, line by line or
 * byte by byte, as the SCPI session asks for it. Subclasses move whole messages; this class keeps the reply being
 * read and the stale flag.
 */
abstract class EndDelimitedTransport implements Transport {
    private Duration timeout;
    private byte[] reply = new byte[0];
    private int next;
    private boolean stale;
    private boolean closed;

    EndDelimitedTransport(Duration timeout) {
        setTimeout(timeout);
    }

    /** Sends one whole message, END on its last byte. */
    abstract void writeMessage(byte[] message, String command);

    /** Reads one whole reply, up to END, within {@code timeout}. */
    abstract byte[] readMessage(String command, Duration timeout);

    /** Opens the protocol's connection(s) and session. */
    abstract void connect();

    /** Ends the session and closes the connection(s); never throws. */
    abstract void disconnect();

    /** Opens afresh after a failure: by default the connection(s) closed and opened again. */
    void reconnect() {
        disconnect();
        connect();
    }

    @Override
    public void send(String message) {
        requireOpen(message);
        byte[] b = new byte[message.length() + 1];
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\n' || c > 0xFF) {
                throw new IllegalArgumentException("command to " + resource() + " contains "
                        + (c == '\n' ? "a newline" : "a non-Latin-1 character") + ": '" + message + "'");
            }
            b[i] = (byte) c;
        }
        b[message.length()] = '\n'; // NL with END, the IEEE 488.2 terminator instruments accept on every interface
        next = reply.length; // a new message: the rest of the last reply is no longer wanted
        try {
            writeMessage(b, message);
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
            next++;
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
            throw new TransportException(resource() + ": the reply to '" + command + "' ended "
                    + (length - (reply.length - next)) + " bytes short of its block length");
        }
        System.arraycopy(reply, next, destination, offset, length);
        next += length;
    }

    private void fetchIfEmpty(String command) {
        requireOpen(command);
        if (next < reply.length) {
            return;
        }
        reply = new byte[0];
        next = 0;
        try {
            byte[] r = readMessage(command, timeout);
            reply = r.length == 0 ? new byte[] {'\n'} : r; // an empty message is an empty line
        } catch (TransportException e) {
            stale = true;
            throw e;
        }
    }

    private void requireOpen(String command) {
        if (closed) {
            throw new TransportException(resource() + " is closed; cannot handle '" + command + "'");
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

    /** Milliseconds of the timeout, as the protocols send them (unsigned 32 bits). */
    int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    public boolean needsReopen() {
        return stale || closed;
    }

    @Override
    public void reopen() {
        reply = new byte[0];
        next = 0;
        stale = true;
        reconnect();
        stale = false;
        closed = false;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            disconnect();
        }
    }

    @Override
    public String toString() {
        return resource();
    }
}
