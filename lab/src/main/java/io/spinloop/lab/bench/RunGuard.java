package io.spinloop.lab.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C and SIGTERM into a clean stop of a measurement. While a guard is open, a JVM shutdown asks
 * the run to stop ({@link #stopRequested()} turns true), then waits until the run says it has made the
 * bench safe and finalised its file ({@link #finished()}), for at most {@code grace}. The drivers' own
 * shutdown hook ramps every source to zero in parallel, so the device is safe even if the run hangs.
 */
public final class RunGuard implements AutoCloseable {
    private static final long GRACE_SECONDS = 30;

    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private RunGuard() {
        hook = new Thread(() -> {
            stop.set(true);
            System.err.println("spinloop: stopping — ramping the current to zero and finalising the file...");
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spinloop-run-guard");
    }

    /** Installs the shutdown hook. */
    public static RunGuard install() {
        RunGuard g = new RunGuard();
        Runtime.getRuntime().addShutdownHook(g.hook);
        return g;
    }

    /** A guard with no hook, for runs inside tests and benchmarks; {@link #requestStop()} stops it. */
    public static RunGuard detached() {
        return new RunGuard();
    }

    public boolean stopRequested() {
        return stop.get();
    }

    /** Asks the run to stop after the point in flight. */
    public void requestStop() {
        stop.set(true);
    }

    /** Called by the run once the bench is safe and the file final; lets a pending shutdown proceed. */
    public void finished() {
        finished.countDown();
    }

    @Override
    public void close() {
        finished();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Shutdown already under way (the hook is running) or it was never installed: nothing to remove.
        }
    }
}
