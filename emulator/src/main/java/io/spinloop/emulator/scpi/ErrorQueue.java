package io.spinloop.emulator.scpi;

import java.util.ArrayDeque;

/**
 * The SCPI-99 error/event queue: first in, first out, of fixed capacity. When it is full, the newest entry is
 * replaced by {@code -350,"Queue overflow"} and later errors are lost until the queue is read (SCPI-99 Vol. 2,
 * 21.8). Not thread-safe: the owning instrument serialises access.
 */
public final class ErrorQueue {
    /** One queued error. */
    public record Entry(int code, String text) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final int capacity;

    public ErrorQueue(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("error queue capacity must be at least 2, got " + capacity);
        }
        this.capacity = capacity;
    }

    public void push(int code, String text) {
        if (entries.size() < capacity) {
            entries.addLast(new Entry(code, text));
        } else if (entries.peekLast().code() != ScpiError.QUEUE_OVERFLOW.code()) {
            entries.pollLast();
            entries.addLast(new Entry(ScpiError.QUEUE_OVERFLOW.code(), ScpiError.QUEUE_OVERFLOW.text()));
        }
    }

    /** The oldest entry, removed; null when the queue is empty. */
    public Entry poll() {
        return entries.pollFirst();
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int capacity() {
        return capacity;
    }

    public void clear() {
        entries.clear();
    }
}
