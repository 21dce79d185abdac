package io.spinloop.drivers.scpi;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Receives every message of a session while it is switched on ({@link ScpiSession#setTrafficLog}).
 * Called on the thread doing the I/O, with the session lock held: keep it quick.
 */
@FunctionalInterface
public interface TrafficLog {

    void record(TrafficEntry entry);

    /** A log printing one line per message, e.g. {@code 2026-01-01T10:00:00.123Z smu1 << :OUTP ON}. */
    static TrafficLog printingTo(PrintStream out) {
        return entry -> out.println(entry);
    }

    /** Keeps the entries in memory, up to {@code capacity} (oldest dropped first). */
    final class Recorder implements TrafficLog {
        private final int capacity;
        private final List<TrafficEntry> entries = new ArrayList<>();

        public Recorder(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public synchronized void record(TrafficEntry entry) {
            if (entries.size() == capacity) {
                entries.remove(0);
            }
            entries.add(entry);
        }

        public synchronized List<TrafficEntry> entries() {
            return List.copyOf(entries);
        }
    }
}
