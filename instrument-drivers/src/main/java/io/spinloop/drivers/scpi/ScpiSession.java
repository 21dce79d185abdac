package io.spinloop.drivers.scpi;

import io.spinloop.drivers.Identity;
import io.spinloop.drivers.InstrumentException;
import io.spinloop.drivers.InstrumentMismatchException;
import io.spinloop.drivers.Timeouts;
import io.spinloop.drivers.transport.Transport;
import io.spinloop.drivers.transport.TransportException;
import io.spinloop.drivers.transport.TransportTimeoutException;
import io.spinloop.drivers.transport.Transports;
import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A SCPI conversation with one instrument over any {@link Transport}.
 *
 * <ul>
 *   <li>One exchange in flight: a query's write and read happen under the session's lock, so concurrent
 *       callers never receive each other's replies. {@link #exclusive} holds the lock across several
 *       commands (a ramp, a sweep and its trace).</li>
 *   <li>Errors: {@link #writeChecked} drains {@code SYST:ERR?} and turns a non-empty queue into an
 *       {@link InstrumentErrorException} naming the command.</li>
 *   <li>Binary data: {@link #queryBlock} reads IEEE 488.2 definite-length blocks by their declared length.</li>
 *   <li>Recovery: after a timeout, a dropped connection or a garbled reply, the next exchange first
 *       {@linkplain #reconnect() reconnects} (fresh link, {@code *IDN?} checked against the instrument we
 *       had), so a late reply can never be taken for the answer to a later query.</li>
 * </ul>
 */
public final class ScpiSession implements Closeable {
    private static final int MAX_ERRORS_DRAINED = 64;
    /** Late replies skipped while resynchronizing a kept line before giving up on seeing the identity. */
    private static final int MAX_STALE_REPLIES = 64;

    private final String name;
    private final Transport transport;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile TrafficLog trafficLog;
    private Identity identity;
    private boolean outOfStep;
    private int connection;
    private boolean closed;
    private boolean recovering;
    /** A resync's *IDN? on a kept line timed out: its answer is still due, and is not asked for twice. */
    private boolean identityOwed;
    /** Released after the link is closed (the run's claim on the instrument). */
    private Closeable releasedOnClose;
    /** Holders of this session ({@link #share}); the link closes when the last closes. */
    private int handles = 1;
    /** Where errors are read: {@code SYST:ERR?} unless the instrument has no error queue. */
    private ErrorReporting errorReporting = ErrorReporting.SCPI_ERROR_QUEUE;

    /** Wraps an open transport. {@code name} is the instrument's configured name, e.g. {@code smu1}. */
    public ScpiSession(String name, Transport transport) {
        this.name = name;
        this.transport = transport;
    }

    /** Opens a session to the instrument at {@code resource} ({@code tcp://...} or {@code serial://...}). */
    public static ScpiSession open(String name, String resource, Timeouts timeouts) {
        return new ScpiSession(name, Transports.open(resource, timeouts));
    }

    /** The configured name of the instrument. */
    public String name() {
        return name;
    }

    public String resource() {
        return transport.resource();
    }

    /** {@code name (resource)}, the way every error message names the instrument. */
    public String label() {
        return name + " (" + transport.resource() + ")";
    }

    /** The identity read by {@link #identify()}, or null before. */
    public Identity identity() {
        lock.lock();
        try {
            return identity;
        } finally {
            lock.unlock();
        }
    }

    /** Counts reconnections: drivers that cache instrument settings compare it to notice a fresh start. */
    public int connectionNumber() {
        lock.lock();
        try {
            return connection;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Says how this instrument reports errors; an instrument without a SCPI error queue (a Lake Shore gaussmeter)
     * is checked with {@code *ESR?}, also when the session reconnects.
     */
    public void setErrorReporting(ErrorReporting reporting) {
        lock.lock();
        try {
            this.errorReporting = java.util.Objects.requireNonNull(reporting, "reporting");
        } finally {
            lock.unlock();
        }
    }

    public ErrorReporting errorReporting() {
        lock.lock();
        try {
            return errorReporting;
        } finally {
            lock.unlock();
        }
    }

    /** Switches the traffic log on ({@code log} not null) or off (null). */
    public void setTrafficLog(TrafficLog log) {
        this.trafficLog = log;
    }

    public Duration timeout() {
        lock.lock();
        try {
            return transport.timeout();
        } finally {
            lock.unlock();
        }
    }

    public void setTimeout(Duration timeout) {
        lock.lock();
        try {
            transport.setTimeout(timeout);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} holding the session lock, so no other thread's command lands in between. */
    public <T> T exclusive(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} holding the session lock. */
    public void exclusive(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    /** Sends a command that has no reply. Errors it causes stay in the queue: see {@link #writeChecked}. */
    public void write(String command) {
        lock.lock();
        try {
            ready(command);
            send(command);
        } finally {
            lock.unlock();
        }
    }

    /** Sends a command, then drains {@code SYST:ERR?}; throws if the instrument reported any error. */
    public void writeChecked(String command) {
        lock.lock();
        try {
            write(command);
            checkErrors(command);
        } finally {
            lock.unlock();
        }
    }

    /** Sends a query and returns its reply, without terminator. */
    public String query(String command) {
        lock.lock();
        try {
            ready(command);
            send(command);
            return receive(command);
        } finally {
            lock.unlock();
        }
    }

    /** A query whose reply is one number (NR1/NR2/NR3). */
    public double queryDouble(String command) {
        String reply = query(command);
        try {
            return Double.parseDouble(reply.trim());
        } catch (NumberFormatException e) {
            throw garbled(command, reply, "a number");
        }
    }

    /** A query whose reply is an integer (NR1, possibly written as NR3 by some firmware). */
    public int queryInt(String command) {
        String reply = query(command).trim();
        try {
            return Integer.parseInt(reply.startsWith("+") ? reply.substring(1) : reply);
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(reply);
                if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
                    return (int) d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw garbled(command, reply, "an integer");
        }
    }

    /** A query whose reply is a boolean ({@code 1}/{@code 0}, {@code ON}/{@code OFF}). */
    public boolean queryBoolean(String command) {
        String reply = query(command).trim();
        switch (reply.toUpperCase(java.util.Locale.ROOT)) {
            case "1": case "+1": case "ON": return true;
            case "0": case "+0": case "OFF": return false;
            default: throw garbled(command, reply, "1 or 0");
        }
    }

    /** A query whose reply is a comma-separated list of numbers (ASCII traces, readings). */
    public double[] queryDoubles(String command) {
        String reply = query(command);
        try {
            return parseDoubles(reply);
        } catch (NumberFormatException e) {
            throw garbled(command, reply, "comma-separated numbers");
        }
    }

    /** Parses comma-separated numbers without regular expressions (this is on the ASCII trace path). */
    static double[] parseDoubles(String text) {
        int n = text.isBlank() ? 0 : 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ',') {
                n++;
            }
        }
        double[] values = new double[n];
        int from = 0;
        for (int k = 0; k < n; k++) {
            int comma = text.indexOf(',', from);
            int to = comma < 0 ? text.length() : comma;
            values[k] = Double.parseDouble(text.substring(from, to).trim());
            from = to + 1;
        }
        return values;
    }

    /**
     * Sends a query whose reply is an IEEE 488.2 definite-length block {@code #<d><len><bytes>}, reads exactly
     * {@code len} bytes whatever they contain (a {@code \n} inside is data), then the terminator.
     * {@code #10} is an empty block.
     */
    public byte[] queryBlock(String command) {
        lock.lock();
        try {
            ready(command);
            send(command);
            byte[] data;
            try {
                data = readBlock(command);
            } catch (ReplyFormatException e) {
                outOfStep = true; // we may be in the middle of a binary payload
                throw e;
            } catch (TransportTimeoutException e) {
                // named as receive() names a line's failure: the transport knows its resource, not the instrument
                throw new TransportTimeoutException(name + ": " + e.getMessage() + explainTimeout());
            } catch (TransportException e) {
                throw new TransportException(name + ": " + e.getMessage(), e);
            }
            // The block is followed by the message terminator; anything else means the stream is garbled.
            String tail = transport.receive(command);
            if (!tail.isEmpty()) {
                outOfStep = true;
                throw new ReplyFormatException(label() + ": block reply to '" + command + "' is followed by '"
                        + abbreviate(tail) + "' instead of the terminator");
            }
            return data;
        } finally {
            lock.unlock();
        }
    }

    private byte[] readBlock(String command) {
        int hash = transport.receiveByte(command);
        if (hash != '#') {
            String rest = transport.receive(command);
            throw new ReplyFormatException(label() + ": expected a definite-length block (#...) in reply to '"
                    + command + "', got '" + abbreviate((char) hash + rest) + "'");
        }
        int d = transport.receiveByte(command);
        if (d == '0') {
            throw new ReplyFormatException(label() + ": reply to '" + command
                    + "' is an indefinite-length block (#0), which cannot be delimited on this transport");
        }
        if (d < '1' || d > '9') {
            throw new ReplyFormatException(label() + ": malformed block header in reply to '" + command
                    + "': '#' followed by byte 0x" + Integer.toHexString(d));
        }
        int digits = d - '0';
        long length = 0;
        for (int i = 0; i < digits; i++) {
            int c = transport.receiveByte(command);
            if (c < '0' || c > '9') {
                throw new ReplyFormatException(label() + ": malformed block length in reply to '" + command
                        + "': byte 0x" + Integer.toHexString(c) + " where a digit was due");
            }
            length = length * 10 + (c - '0');
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new ReplyFormatException(label() + ": block of " + length + " bytes in reply to '"
                    + command + "' is too large");
        }
        byte[] data = new byte[(int) length];
        transport.receiveExact(data, 0, data.length, command);
        TrafficLog log = trafficLog;
        if (log != null) {
            log.record(new TrafficEntry(Instant.now(), name, TrafficEntry.Direction.RECEIVED,
                    "#" + digits + length + "<" + length + " bytes>", transport.resource()));
        }
        return data;
    }

    /**
     * Reads {@code SYST:ERR?} until the queue is empty and throws if anything was in it.
     *
     * @param command the command blamed for the errors in the exception
     */
    public void checkErrors(String command) {
        List<ErrorEntry> errors = drainErrors();
        if (!errors.isEmpty()) {
            throw new InstrumentErrorException(label(), command, errors);
        }
    }

    /**
     * Reads {@code SYST:ERR?} until {@code 0,"No error"}; returns the errors, oldest first. An instrument that
     * reports through {@link ErrorReporting#EVENT_STATUS_REGISTER} is asked {@code *ESR?} once instead.
     */
    public List<ErrorEntry> drainErrors() {
        lock.lock();
        try {
            if (errorReporting == ErrorReporting.EVENT_STATUS_REGISTER) {
                return ErrorReporting.fromEventStatus(queryInt("*ESR?"));
            }
            List<ErrorEntry> errors = new ArrayList<>(0);
            for (int i = 0; i < MAX_ERRORS_DRAINED; i++) {
                String reply = query("SYST:ERR?");
                ErrorEntry entry;
                try {
                    entry = ErrorEntry.parse(reply);
                } catch (NumberFormatException e) {
                    throw garbled("SYST:ERR?", reply, "<code>,\"<text>\"");
                }
                if (!entry.isError()) {
                    return errors;
                }
                errors.add(entry);
            }
            throw new InstrumentException(label() + ": error queue still not empty after "
                    + MAX_ERRORS_DRAINED + " reads of SYST:ERR?: " + errors.subList(0, 3) + " ...");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for pending operations (a sweep) with {@code *OPC?}, allowing {@code timeout} for the reply.
     *
     * @param what what is being waited for, named if the wait times out
     */
    public void waitComplete(String what, Duration timeout) {
        lock.lock();
        Duration normal = transport.timeout();
        try {
            transport.setTimeout(timeout);
            String reply = query("*OPC?").trim();
            if (!reply.equals("1") && !reply.equals("+1")) {
                throw garbled("*OPC?", reply, "1");
            }
        } catch (TransportTimeoutException e) {
            throw new TransportTimeoutException(label() + ": " + what + " did not complete within "
                    + timeout.toMillis() + " ms (" + e.getMessage() + ")");
        } finally {
            transport.setTimeout(normal);
            lock.unlock();
        }
    }

    /** Asks {@code *IDN?} and remembers the answer as this session's instrument. */
    public Identity identify() {
        lock.lock();
        try {
            String reply = query("*IDN?");
            Identity id = Identity.parse(reply);
            if (id.model().isEmpty()) {
                outOfStep = true;
                throw garbled("*IDN?", reply, "<maker>,<model>,<serial>,<firmware>");
            }
            identity = id;
            return id;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Opens the link afresh (after a dropped connection or a power cycle), re-identifies the instrument and
     * clears its error queue. Refuses to continue if a different instrument now answers at the resource.
     *
     * @return the errors that were waiting in the queue (they belong to the failed exchange, not to a new one)
     */
    public List<ErrorEntry> reconnect() {
        lock.lock();
        boolean outer = !recovering;
        recovering = true;
        try {
            if (closed) {
                throw new TransportException(label() + " is closed");
            }
            transport.reopen();
            outOfStep = false;
            connection++;
            Identity before = identity;
            Identity now;
            if (transport.keptLineOnReopen()) {
                now = resyncKeptLine(before);
            } else {
                identityOwed = false;
                now = Identity.parse(receiveReplyTo("*IDN?"));
            }
            if (before != null && !now.sameInstrumentAs(before)) {
                outOfStep = true;
                throw new InstrumentMismatchException(label() + ": after reconnecting, the instrument identifies as '"
                        + now.raw() + "' instead of '" + before.raw() + "'; refusing to continue");
            }
            identity = now;
            return drainErrors();
        } finally {
            if (outer) {
                recovering = false;
            }
            lock.unlock();
        }
    }

    /**
     * A serial line or device file has no device clear: replies to commands that timed out may still arrive, in
     * order, ahead of the answer to *IDN?. They are read and dropped until the instrument's identity comes. If this
     * resync times out too, its *IDN? stays due and is not sent again: a second identity would be taken for the
     * reply to the next query.
     */
    private Identity resyncKeptLine(Identity before) {
        if (!identityOwed) {
            send("*IDN?");
            identityOwed = true;
        }
        for (int skipped = 0; ; skipped++) {
            String reply = receive("*IDN?");
            Identity id = Identity.parse(reply);
            if (before == null || id.sameInstrumentAs(before)) {
                identityOwed = false;
                return id;
            }
            if (reply.trim().endsWith(before.raw())) {
                // the head of a reply cut short (bytes lost on the line), then the identity: in step again
                identityOwed = false;
                return before;
            }
            if (skipped == MAX_STALE_REPLIES) {
                identityOwed = false;
                outOfStep = true;
                throw new InstrumentMismatchException(label() + ": resynchronizing " + transport.resource() + " after a"
                        + " timeout, " + MAX_STALE_REPLIES + " replies came and none was the identity '" + before.raw()
                        + "' (the last: '" + abbreviate(reply) + "'); refusing to continue");
            }
        }
    }

    private String receiveReplyTo(String command) {
        send(command);
        return receive(command);
    }

    /** True when the next exchange will reconnect first. */
    public boolean needsReconnect() {
        lock.lock();
        try {
            return outOfStep || transport.needsReopen();
        } finally {
            lock.unlock();
        }
    }

    private void ready(String command) {
        if (closed) {
            throw new TransportException(label() + " is closed; cannot send '" + command + "'");
        }
        if (outOfStep || transport.needsReopen()) {
            reconnect();
        }
    }

    private void send(String command) {
        TrafficLog log = trafficLog;
        if (log != null) {
            log.record(new TrafficEntry(Instant.now(), name, TrafficEntry.Direction.SENT, command,
                    transport.resource()));
        }
        try {
            transport.send(command);
        } catch (TransportTimeoutException e) {
            // named as receive() names it: over VXI-11 or HiSLIP a write is itself a round trip that can fail
            throw new TransportTimeoutException(name + ": " + e.getMessage());
        } catch (TransportException e) {
            throw new TransportException(name + ": " + e.getMessage(), e);
        }
    }

    private String receive(String command) {
        String reply;
        try {
            reply = transport.receive(command);
        } catch (TransportTimeoutException e) {
            throw new TransportTimeoutException(name + ": " + e.getMessage() + explainTimeout());
        } catch (TransportException e) {
            throw new TransportException(name + ": " + e.getMessage(), e);
        }
        TrafficLog log = trafficLog;
        if (log != null) {
            log.record(new TrafficEntry(Instant.now(), name, TrafficEntry.Direction.RECEIVED, reply,
                    transport.resource()));
        }
        return reply;
    }

    /**
     * A query the instrument did not understand gets no reply at all, only an error in the queue. Reconnect
     * at once and read the queue, so the timeout message says why (and the session is ready again).
     *
     * <p>An instrument that understood but hangs will not answer {@code *IDN?} either: this look costs at most
     * {@link #diagnosisTimeout} per reply, not the whole read timeout again, so a configured timeout of 5 s
     * fails after about 5 s, not 10. If the look fails the session stays due for a reconnect, made with the
     * full timeout by the next exchange.
     */
    private String explainTimeout() {
        if (recovering) {
            return "";
        }
        Duration normal = transport.timeout();
        Duration brief = diagnosisTimeout(normal);
        transport.setTimeout(brief);
        try {
            List<ErrorEntry> errors = reconnect();
            return errors.isEmpty() ? "; reconnected, error queue empty"
                    : "; reconnected, the instrument's error queue holds " + errors;
        } catch (TransportTimeoutException e) {
            return "; after reconnecting it did not answer within " + brief.toMillis() + " ms either (busy or hung?)";
        } catch (InstrumentException e) {
            return "; reconnecting failed too: " + e.getMessage();
        } finally {
            transport.setTimeout(normal);
        }
    }

    /**
     * Time allowed for each reply while explaining a timeout: a tenth of the read timeout, at most 0.5 s. An
     * instrument that is listening answers {@code *IDN?} and {@code SYST:ERR?} in milliseconds (about 0.1 s at
     * 9600 baud).
     */
    static Duration diagnosisTimeout(Duration read) {
        long ms = Math.min(500, read.toMillis() / 10);
        return Duration.ofMillis(Math.max(1, ms));
    }

    private ReplyFormatException garbled(String command, String reply, String expected) {
        outOfStep = true; // a garbled reply may have lost or gained a terminator
        return new ReplyFormatException(label() + ": reply '" + abbreviate(reply) + "' to '" + command
                + "' is not " + expected);
    }

    private static String abbreviate(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 60; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02x", (int) c));
            }
        }
        return s.length() > 60 ? sb + "..." : sb.toString();
    }

    /**
     * Hands over something to release when this session closes, after its link: the claim on the instrument
     * ({@code io.spinloop.drivers.bench.InstrumentClaim}), so the claim lasts exactly as long as the session.
     */
    public void releaseOnClose(Closeable resource) {
        lock.lock();
        try {
            if (releasedOnClose != null) {
                throw new IllegalStateException(label() + " already releases " + releasedOnClose + " on close");
            }
            releasedOnClose = resource;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One more holder of this session (the driver of a second channel of the same unit): commands of all holders go
     * over the one link, one exchange at a time, so a command and the error check after it are never split by
     * another holder's command, and each holder's errors are its own. Each holder closes once; the link closes with
     * the last.
     *
     * @return false if the session is closed already (open a new one)
     */
    public boolean share() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            handles++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the link, then releases what {@link #releaseOnClose} handed over; while other holders ({@link #share})
     * remain, only gives up this holder's share. Never throws; once closed, further calls do nothing.
     */
    @Override
    public void close() {
        lock.lock();
        boolean last = true;
        try {
            if (!closed && handles > 1) {
                handles--;
                last = false;
                return;
            }
            closed = true;
            transport.close();
        } finally {
            Closeable r = last ? releasedOnClose : null;
            if (last) {
                releasedOnClose = null;
            }
            lock.unlock();
            if (r != null) {
                try {
                    r.close();
                } catch (java.io.IOException | RuntimeException ignored) {
                    // Releasing a claim never fails in a way that leaves it held (the OS drops it with the process).
                }
            }
        }
    }
}
