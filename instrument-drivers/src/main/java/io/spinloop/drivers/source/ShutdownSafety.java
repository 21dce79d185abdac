package io.spinloop.drivers.source;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JVM shutdown hook for every open current source: on Ctrl-C, SIGTERM or a normal exit that forgot
 * to close them, each source is ramped to 0 A and switched off. (SIGKILL and power loss cannot be caught;
 * that is what the instrument's own protection is for.)
 */
final class ShutdownSafety {
    private static final Set<SafeCurrentSource> OPEN = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;

    private ShutdownSafety() {
    }

    static synchronized void register(SafeCurrentSource source) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownSafety::stopAll, "spinloop-safe-shutdown"));
            hookInstalled = true;
        }
        OPEN.add(source);
    }

    static void unregister(SafeCurrentSource source) {
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
