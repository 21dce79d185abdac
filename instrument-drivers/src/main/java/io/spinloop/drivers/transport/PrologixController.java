package io.spinloop.drivers.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A Prologix GPIB-ETHERNET (one TCP link, port 1234) or GPIB-USB (one serial port, a USB virtual COM port) controller
 * in controller mode, serving every instrument on its GPIB bus; both speak the same {@code ++} commands. Instruments reach it through {@link #transport}, one {@link Transport} each; all of them on one
 * controller share this object ({@link #acquire}, counted, the link closed with the last one).
 *
 * <p>Why replies never cross: a GPIB instrument keeps its reply until it is addressed to talk, so every exchange
 * with the controller is one synchronized step: switch the address if another instrument was addressed last
 * ({@code ++addr}), then either write the escaped message, or ask for the reply ({@code ++read eoi}) and read it
 * whole, a binary block by its declared length, before the next instrument's turn. Written data is escaped as
 * Prologix documents: ESC before CR, LF, ESC and '+', so that none of them ends the line or starts a command.
 * On a timeout the link may be out of step (part of a reply may still come), so it is opened afresh and the
 * instrument gets a selected device clear ({@code ++clr}), which empties its output queue. A serial line, unlike a
 * new TCP connection, still carries whatever the controller was sending when the read gave up, so after the clear
 * the controller is asked its version ({@code ++ver}) and everything before that answer is discarded.
 *
 * <p>Settings sent on every (re)connect: {@code ++mode 1} (controller), {@code ++ifc} (interface clear: the
 * controller takes charge of the bus, whatever another controller left addressed), {@code ++auto 0} (read only when asked,
 * so a command is never taken for a query), {@code ++eoi 1} (EOI on the last byte written), {@code ++eos 3}
 * (nothing appended: EOI ends a message), {@code ++read_tmo_ms} (the read timeout, at most the 3000 ms it takes).
 */
public final class PrologixController {
    private static final Map<String, PrologixController> OPEN = new HashMap<>();
    private static final int ESC = 27;
    private static final int MAX_READ_TMO_MS = 3000;
    private static final Duration RESYNC_MIN = Duration.ofSeconds(10);

    private final ResourceString resource; // Tcp or Serial
    private final int connectMillis;
    private final Duration linkTimeout;
    private FramedTransport link;
    private String addressed; // the ++addr argument last sent, or null when unknown
    private int users;

    private PrologixController(ResourceString resource, int connectMillis, Duration linkTimeout) {
        this.resource = resource;
        this.connectMillis = connectMillis;
        this.linkTimeout = linkTimeout;
    }

    /** The controller at {@code resource}, connected once for all the instruments behind it. */
    static PrologixController acquire(ResourceString resource, int connectMillis, Duration readTimeout) {
        synchronized (OPEN) {
            String key = resource.text();
            PrologixController c = OPEN.get(key);
            if (c == null) {
                c = new PrologixController(resource, connectMillis, readTimeout);
                c.connect();
                OPEN.put(key, c);
            }
            c.users++;
            return c;
        }
    }

    /** A transport to the instrument at {@code address} on this controller's bus. */
    Transport transport(ResourceString.Gpib gpib, Duration timeout) {
        return new GpibTransport(this, gpib, timeout);
    }

    /** The controller's resource, as error messages name it. */
    String resource() {
        return resource.text();
    }

    void release() {
        synchronized (OPEN) {
            if (--users == 0) {
                OPEN.remove(resource.text());
                synchronized (this) {
                    if (link != null) {
                        link.close();
                        link = null;
                    }
                }
            }
        }
    }

    private synchronized void connect() {
        if (resource instanceof ResourceString.Serial serial) {
            link = new FramedTransport(toString(), Terminator.LF, linkTimeout,
                    timeout -> SerialLinks.open(serial, timeout)).open();
        } else {
            ResourceString.Tcp tcp = (ResourceString.Tcp) resource;
            link = new FramedTransport(toString(), Terminator.LF, linkTimeout,
                    ignored -> TcpLink.connect(tcp, connectMillis)).open();
        }
        addressed = null;
        int tmo = (int) Math.max(1, Math.min(MAX_READ_TMO_MS, linkTimeout.toMillis()));
        for (String setting : new String[] {"++mode 1", "++ifc", "++auto 0", "++eoi 1", "++eos 3", "++read_tmo_ms " + tmo}) {
            link.send(setting);
        }
    }

    /** Opens the link afresh if a failure left it out of step (or closed). */
    synchronized void ensureOpen() {
        if (link == null || link.needsReopen()) {
            if (link != null) {
                link.close();
            }
            connect();
        }
    }

    /** Writes one message to the instrument at {@code address}, escaped, with EOI on its last byte. */
    synchronized void write(String address, String message, String label) {
        ensureOpen();
        select(address, message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length() + 8);
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException("command to " + label + " contains a non-Latin-1 character: '"
                        + message + "'");
            }
            if (c == '\r' || c == '\n' || c == ESC || c == '+') {
                out.write(ESC);
            }
            out.write(c);
        }
        out.write('\n'); // unescaped: ends the line for the controller, not sent to the bus
        link.sendRaw(out.toByteArray(), out.size(), message);
    }

    /**
     * Addresses the instrument to talk and reads its whole reply: a line, or a definite-length block
     * ({@code #<n><length><bytes>}) by its length and the terminator after it.
     *
     * @return the reply with its terminating LF
     */
    synchronized byte[] read(String address, String command, Duration timeout, String label) {
        ensureOpen();
        try {
            select(address, command);
            link.send("++read eoi");
            link.setTimeout(timeout);
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            int first = link.receiveByte(command);
            if (first == '\n') {
                reply.write('\n');
                return reply.toByteArray();
            }
            reply.write(first);
            if (first == '#') {
                int d = link.receiveByte(command);
                reply.write(d);
                if (d >= '1' && d <= '9') {
                    int length = 0;
                    for (int k = 0; k < d - '0'; k++) {
                        int digit = link.receiveByte(command);
                        reply.write(digit);
                        if (digit < '0' || digit > '9') {
                            throw new TransportException(label + ": block header of the reply to '" + command
                                    + "' has a non-digit in its length");
                        }
                        length = length * 10 + (digit - '0');
                    }
                    byte[] data = new byte[length];
                    link.receiveExact(data, 0, length, command);
                    reply.write(data, 0, length);
                }
            }
            byte[] rest = link.receive(command).getBytes(StandardCharsets.ISO_8859_1);
            reply.write(rest, 0, rest.length);
            reply.write('\n');
            return reply.toByteArray();
        } catch (TransportException e) {
            deviceClear(address);
            String cleared = link != null && !link.needsReopen() ? "; the link was reopened and " + label
                    + " cleared (++clr)" : "; the link could not be reopened";
            if (e instanceof TransportTimeoutException) {
                throw new TransportTimeoutException(label + ": " + e.getMessage() + cleared);
            }
            throw new TransportException(label + ": " + e.getMessage() + cleared, e);
        } finally {
            if (link != null) {
                link.setTimeout(linkTimeout);
            }
        }
    }

    /** After a failure: a fresh link (a late reply must not reach the next reader), then a selected device clear. */
    private void deviceClear(String address) {
        try {
            if (link != null) {
                link.close();
            }
            connect();
            select(address, "++clr");
            link.send("++clr");
            if (resource instanceof ResourceString.Serial) {
                resynchronize();
            }
        } catch (TransportException again) {
            if (link != null) {
                link.close();
                link = null;
            }
        }
    }

    /** Discards what the serial line still carries from before: everything up to the answer to {@code ++ver}. */
    private void resynchronize() {
        link.send("++ver");
        // The controller answers only after it has passed on what it was still sending: wait for that too.
        long deadline = System.nanoTime() + Math.max(RESYNC_MIN.toNanos(), 5 * linkTimeout.toNanos());
        while (true) {
            try {
                if (link.receive("++ver").contains("Prologix")) {
                    return;
                }
            } catch (TransportTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new TransportTimeoutException(this + " did not answer ++ver after a device clear");
                }
                link.resumeAfterTimeout();
            }
        }
    }

    private void select(String address, String forWhat) {
        if (!address.equals(addressed)) {
            addressed = null; // unknown until the command is through
            link.send("++addr " + address);
            addressed = address;
        }
    }

    @Override
    public String toString() {
        return (resource instanceof ResourceString.Serial ? "Prologix GPIB-USB at " : "Prologix GPIB-ETHERNET at ")
                + resource.text();
    }
}
