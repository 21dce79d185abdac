package io.spinloop.training.run;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The threads that train a batch's shards beside the calling thread, handed their work without a queue: each worker
 * spins for a while on its slot before it parks, and the caller spins for a while on the result before it parks. A
 * thread pool parks its idle threads at once, and waking one took 60-300 us per batch on this machine (the shard
 * then finished that much later, and the epoch waited for it: 2-3.5 ms of a 26 ms float32 epoch, timers in the
 * trainer); between the batches of an epoch the caller's serial work (the optimizer step) is far shorter than the
 * spin, so a worker is awake when its next shard arrives. Idle between epochs, a worker parks after {@link #SPIN_NANOS}.
 * With more threads (workers and caller) than processors nothing spins: a spinning thread would hold a processor that
 * a shard needs.
 *
 * <p>Hand-offs follow the usual park protocol: a side announces that it parks, re-checks, then parks; the other side
 * publishes, then unparks it if it announced. All fields that cross threads are volatile.
 */
final class ShardWorkers implements AutoCloseable {
    /** How long a waiting side spins before it parks: longer than an optimizer step, short against an idle pause. */
    static final long SPIN_NANOS = 2_000_000;

    /** One shard's work and, once done, its result or failure. */
    static final class Job<T> {
        private final Supplier<T> work;
        private final long spinNanos;
        private final Thread caller = Thread.currentThread();
        private volatile boolean done;
        private volatile boolean callerParked;
        private T result;
        private Throwable failure;

        private Job(Supplier<T> work, long spinNanos) {
            this.work = work;
            this.spinNanos = spinNanos;
        }

        private void run() {
            try {
                result = work.get();
            } catch (Throwable t) {
                failure = t;
            }
            done = true;
            if (callerParked) {
                LockSupport.unpark(caller);
            }
        }

        /**
         * Waits until the job has run and returns its result, or throws what it threw (a checked throwable wrapped).
         *
         * @throws IllegalStateException if this thread is interrupted while waiting (the job may still be running)
         */
        T await() {
            long deadline = System.nanoTime() + spinNanos;
            while (!done) {
                if (System.nanoTime() - deadline < 0) {
                    Thread.onSpinWait();
                    continue;
                }
                callerParked = true;
                if (!done) {
                    LockSupport.park(this);
                }
                callerParked = false;
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("training interrupted while a shard was running");
                }
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure instanceof Error err) {
                throw err;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return result;
        }
    }

    private final Worker[] workers;
    private final long spinNanos;

    /** {@code count} daemon threads named {@code name-i}, started at once. */
    ShardWorkers(int count, String name) {
        this(count, name, count + 1 <= Runtime.getRuntime().availableProcessors() ? SPIN_NANOS : 0);
    }

    ShardWorkers(int count, String name, long spinNanos) {
        this.spinNanos = spinNanos;
        workers = new Worker[count];
        for (int i = 0; i < count; i++) {
            workers[i] = new Worker(spinNanos);
            Thread t = new Thread(workers[i]::loop, name + "-" + i);
            t.setDaemon(true);
            workers[i].thread = t;
            t.start();
        }
    }

    /** Hands {@code work} to worker {@code i}, which must have finished its previous job (its await returned). */
    <T> Job<T> submit(int i, Supplier<T> work) {
        Job<T> job = new Job<>(work, spinNanos);
        workers[i].hand(job);
        return job;
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            w.closed = true;
            LockSupport.unpark(w.thread);
        }
    }

    private static final class Worker {
        private final long spinNanos;
        private Thread thread;
        private volatile Job<?> pending;
        private volatile boolean parked;
        private volatile boolean closed;

        Worker(long spinNanos) {
            this.spinNanos = spinNanos;
        }

        void hand(Job<?> job) {
            if (pending != null) {
                throw new IllegalStateException("worker " + thread.getName() + " still has a shard to run");
            }
            pending = job;
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        void loop() {
            long idleSince = System.nanoTime();
            while (!closed) {
                Job<?> job = pending;
                if (job != null) {
                    pending = null; // before the job reports done: its caller may hand the next one at once
                    job.run();
                    idleSince = System.nanoTime();
                    continue;
                }
                if (System.nanoTime() - idleSince < spinNanos) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (pending == null && !closed) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }
    }
}
