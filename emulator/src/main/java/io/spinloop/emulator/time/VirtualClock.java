package io.spinloop.emulator.time;

/**
 * The bench's clock, in seconds since the bench started. It runs with the wall clock; in {@link Timing#VIRTUAL}
 * mode it can also jump forward, so an operation that lasts a second on a real bench costs no waiting. It never
 * runs backwards. Thread-safe.
 */
public final class VirtualClock {
    private final Timing timing;
    private final long startNanos = System.nanoTime();
    private long skippedNanos;

    public VirtualClock(Timing timing) {
        this.timing = timing;
    }

    public Timing timing() {
        return timing;
    }

    /** Seconds since the bench started. */
    public synchronized double now() {
        return (System.nanoTime() - startNanos + skippedNanos) * 1e-9;
    }

    /**
     * Waits until the clock reads at least {@code t}: a jump in virtual mode, a sleep in real-time mode.
     *
     * @throws InterruptedException if interrupted while sleeping in real-time mode
     */
    public void awaitTime(double t) throws InterruptedException {
        if (timing == Timing.VIRTUAL) {
            synchronized (this) {
                long target = (long) Math.ceil(t * 1e9);
                long current = System.nanoTime() - startNanos + skippedNanos;
                if (target > current) {
                    skippedNanos += target - current;
                }
            }
            return;
        }
        while (true) {
            double left = t - now();
            if (left <= 0) {
                return;
            }
            long ns = (long) (left * 1e9);
            Thread.sleep(ns / 1_000_000, (int) (ns % 1_000_000));
        }
    }
}
