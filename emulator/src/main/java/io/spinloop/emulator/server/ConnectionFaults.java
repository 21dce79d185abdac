package io.spinloop.emulator.server;

import java.time.Duration;

/**
 * Faults a server injects on its connections: a drop after a number of messages, late replies, garbled
 * replies. Set from tests or from configuration; consumed by the server as messages arrive. Thread-safe.
 */
public final class ConnectionFaults {
    private int dropAfterMessages = -1;
    private long lateNanos;
    private int lateReplies;
    private int garbledReplies;
    private int cutReplies;

    /** What the server does with the message it just received. */
    record Action(boolean drop, long delayNanos, boolean garble) {
        static final Action NONE = new Action(false, 0, false);
        static final Action DROP = new Action(true, 0, false);
    }

    /** After {@code messages} more messages (the last one executed but never answered), drop every connection. */
    public synchronized void dropAfterMessages(int messages) {
        if (messages < 1) {
            throw new IllegalArgumentException("messages must be at least 1, got " + messages);
        }
        dropAfterMessages = messages;
    }

    /** The next {@code count} replies are held back by {@code delay} (wall-clock time, whatever the bench timing). */
    public synchronized void replyLate(Duration delay, int count) {
        if (delay.isNegative() || count < 1) {
            throw new IllegalArgumentException("late replies need a non-negative delay and a count of at least 1");
        }
        lateNanos = delay.toNanos();
        lateReplies = count;
    }

    /** The next {@code count} replies have their bytes replaced by garbage (the terminator survives). */
    public synchronized void garbleReplies(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        garbledReplies = count;
    }

    /**
     * The next reply stops halfway and the connection drops (honoured by an instrument's raw socket server, which
     * drops every connection, and by the Prologix gateway, where the reply is a whole output queue; on its serial
     * line the rest of the reply is lost and the line stays).
     */
    public synchronized void cutNextReply() {
        cutReplies = 1;
    }

    /** Consumes a pending cut reply: true if the reply about to be written is to stop halfway. */
    synchronized boolean takeCut() {
        if (cutReplies == 0) {
            return false;
        }
        cutReplies--;
        return true;
    }

    /** Clears every pending fault. */
    public synchronized void clear() {
        cutReplies = 0;
        dropAfterMessages = -1;
        lateReplies = 0;
        garbledReplies = 0;
    }

    synchronized Action onMessage() {
        if (dropAfterMessages > 0 && --dropAfterMessages == 0) {
            dropAfterMessages = -1;
            return Action.DROP;
        }
        return Action.NONE;
    }

    /** Called when a reply is about to be written: consumes a late or garbled reply if one is pending. */
    synchronized Action onReply() {
        if (lateReplies == 0 && garbledReplies == 0) {
            return Action.NONE;
        }
        long delay = 0;
        boolean garble = false;
        if (lateReplies > 0) {
            lateReplies--;
            delay = lateNanos;
        }
        if (garbledReplies > 0) {
            garbledReplies--;
            garble = true;
        }
        return new Action(false, delay, garble);
    }
}
