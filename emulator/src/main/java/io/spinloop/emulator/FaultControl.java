package io.spinloop.emulator;

import io.spinloop.emulator.instruments.Instrument;
import io.spinloop.emulator.instruments.SourceMeter;
import io.spinloop.emulator.server.ConnectionFaults;
import io.spinloop.emulator.server.ScpiServer;
import java.time.Duration;

/** Faults to inject into one emulated instrument and its connections (see {@link EmulatedBench#faults}). */
public final class FaultControl {
    private final ScpiServer server;
    private final ConnectionFaults connectionFaults;
    /** The instrument a compliance trip hits: the server's, or one channel of a multi-channel source. */
    private final Instrument target;

    /** Closes this instrument's connections on the bench's other servers (VXI-11, HiSLIP). */
    private final java.util.List<Runnable> otherDrops = new java.util.concurrent.CopyOnWriteArrayList<>();

    FaultControl(ScpiServer server, ConnectionFaults connectionFaults) {
        this(server, connectionFaults, server.instrument());
    }

    /** Faults of one channel of a multi-channel source: its unit's connections, its own compliance. */
    FaultControl(ScpiServer server, ConnectionFaults connectionFaults, Instrument target) {
        this.server = server;
        this.connectionFaults = connectionFaults;
        this.target = target;
    }

    /** The same faults for one channel of this multi-channel source (its compliance trips, not the unit's). */
    FaultControl forChannel(Instrument channel) {
        return new FaultControl(server, connectionFaults, channel);
    }

    /** Also closes this instrument's connections on another server when connections are dropped. */
    void alsoDrop(Runnable drop) {
        otherDrops.add(drop);
    }

    ConnectionFaults connectionFaults() {
        return connectionFaults;
    }

    /** Closes every client connection now (clients see the connection reset or end of stream). */
    public FaultControl dropConnections() {
        server.dropConnections();
        otherDrops.forEach(Runnable::run);
        return this;
    }

    /** After {@code messages} more messages, the last of which executes but is never answered, drop every connection. */
    public FaultControl dropConnectionsAfter(int messages) {
        connectionFaults.dropAfterMessages(messages);
        return this;
    }

    /**
     * The next reply stops halfway, and the connection drops: on the instrument's raw socket (every connection),
     * or through the Prologix gateway (the controller's connection; on its pseudo-terminal the line stays and the
     * rest of the reply is lost).
     */
    public FaultControl cutNextReply() {
        connectionFaults.cutNextReply();
        return this;
    }

    /** The next reply is held back by {@code delay} of wall-clock time (past a client's timeout, if it is longer). */
    public FaultControl replyLate(Duration delay) {
        return replyLate(delay, 1);
    }

    /** The next {@code count} replies are each held back by {@code delay}. */
    public FaultControl replyLate(Duration delay, int count) {
        connectionFaults.replyLate(delay, count);
        return this;
    }

    /** The next reply's bytes are replaced by printable garbage; its terminator survives. */
    public FaultControl garbleNextReply() {
        return garbleReplies(1);
    }

    /** The next {@code count} replies are garbled. */
    public FaultControl garbleReplies(int count) {
        connectionFaults.garbleReplies(count);
        return this;
    }

    /** Puts an error in the instrument's error queue (and sets its event-status bit), as if it had raised it. */
    public FaultControl pushError(int code, String text) {
        server.instrument().pushError(code, text);
        return this;
    }

    /**
     * The next reading of this current source shows a compliance trip.
     *
     * @throws IllegalStateException if this instrument is not a current source
     */
    public FaultControl tripCompliance() {
        if (!(target instanceof SourceMeter source)) {
            throw new IllegalStateException("instrument '" + target.name()
                    + "' is not a current source: it has no compliance to trip");
        }
        source.tripCompliance();
        return this;
    }

    /**
     * The protection of this magnet supply trips (its questionable condition shows it until the output goes off).
     *
     * @throws IllegalStateException if this instrument is not a magnet supply
     */
    public FaultControl tripMagnetSupply() {
        if (!(server.instrument() instanceof io.spinloop.emulator.instruments.KepcoBop supply)) {
            throw new IllegalStateException("instrument '" + server.instrument().name()
                    + "' is not a magnet supply: it has no protection to trip");
        }
        supply.trip();
        return this;
    }

    /**
     * A power cycle: every connection drops and the instrument comes back in its power-on state (settings reset,
     * output off, error queue empty, PON set in the event status register).
     */
    public FaultControl powerCycle() {
        server.dropConnections();
        otherDrops.forEach(Runnable::run);
        Instrument instrument = server.instrument();
        instrument.powerOn();
        return this;
    }

    /** Cancels pending drops, late and garbled replies. */
    public FaultControl clear() {
        connectionFaults.clear();
        return this;
    }
}
