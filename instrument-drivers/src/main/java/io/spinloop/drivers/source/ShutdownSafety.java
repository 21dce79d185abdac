package io.spinloop.drivers.source;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JVM shutdown hook for every open current source and magnet supply: on Ctrl-C, SIGTERM or a normal exit
 * that forgot to close them, each is ramped to 0 A and switched off. (SIGKILL and power loss cannot be caught;
 * that is what the instrument's own protection is for.)
 */
public final class ShutdownSafety {
    /** What the hook makes safe: a source driver behind its safety rules. */
    public interface Stoppable {
        /** The configured name, for the worker thread and messages. */
        String name();

        /** Stops any ramp in progress, ramps to 0 A and switches the output off; never throws. */
        void emergencyStop();
    }

    private static final Set<Stoppable> OPEN = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;

    private ShutdownSafety() {
    }

    public static synchronized void register(Stoppable source) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownSafety::stopAll, "spinloop-safe-shutdown"));
            hookInstalled = true;
        }
        OPEN.add(source);
    }

    public static void unregister(Stoppable source) {
        OPEN.remove(source);
    }

    /** Makes every open source safe, in parallel so one slow instrument does not delay the others. */
    static void stopAll() {
        Thread[] workers = OPEN.stream()
                .map(s -> new Thread(s::emergencyStop, "spinloop-safe-" + s.name()))
                .toArray(Thread[]::new);
        for (Thread t : workers) {
            t.start();
        }
        for (Thread t : workers) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Sources not yet closed (for tests). */
    static int openCount() {
        return OPEN.size();
    }
}
