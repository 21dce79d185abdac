package io.spinloop.lab.bench;

import io.spinloop.lab.RunStoppedException;
import java.util.function.BooleanSupplier;

/**
 * The stop request of the run on this thread (and of the threads it starts), seen by the loops deep inside a run
 * that do not hold its {@link RunGuard}: the training loop between batches, the chip channel between lists. A
 * command opens a scope with its guard's request ({@code try (var s = StopSignal.watch(guard::stopRequested))});
 * outside a scope nothing ever stops. Thread-scoped, so runs in one JVM (tests) never stop each other.
 */
public final class StopSignal {
    private static final InheritableThreadLocal<BooleanSupplier> WATCHED = new InheritableThreadLocal<>();

    private StopSignal() {
    }

    /** A scope in which {@link #check} stops once {@code requested} turns true; closing it restores the one before. */
    public static Scope watch(BooleanSupplier requested) {
        BooleanSupplier before = WATCHED.get();
        WATCHED.set(requested);
        return () -> {
            if (before == null) {
                WATCHED.remove();
            } else {
                WATCHED.set(before);
            }
        };
    }

    /** Whether the run on this thread has been asked to stop. */
    public static boolean requested() {
        BooleanSupplier s = WATCHED.get();
        return s != null && s.getAsBoolean();
    }

    /**
     * Throws {@link RunStoppedException} if the run has been asked to stop; {@code where} says where it stopped
     * ("after epoch 3, batch 2").
     */
    public static void check(String where) {
        if (requested()) {
            throw new RunStoppedException(where);
        }
    }

    /** An open scope; closing it never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
