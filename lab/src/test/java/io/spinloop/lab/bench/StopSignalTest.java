package io.spinloop.lab.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.lab.RunStoppedException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A run's stop request reaches the loops on its thread and the threads it starts, and no other run: two runs in one
 * JVM (tests) never stop each other, and a scope closed restores the one around it.
 */
class StopSignalTest {
    @Test
    void theRequestOfTheScopeIsSeenOnItsThreadAndItsChildrenOnly() throws Exception {
        RunGuard guard = RunGuard.detached();
        boolean[] child = new boolean[1];
        boolean[] stranger = new boolean[1];
        Thread other = new Thread(() -> stranger[0] = StopSignal.requested()); // started outside the scope
        try (StopSignal.Scope s = StopSignal.watch(guard::stopRequested)) {
            assertFalse(StopSignal.requested());
            assertDoesNotThrow(() -> StopSignal.check("nowhere"));
            guard.requestStop();
            assertTrue(StopSignal.requested());
            RunStoppedException e = assertThrows(RunStoppedException.class, () -> StopSignal.check("after step 3"));
            assertTrue(e.getMessage().equals("stopped on request after step 3"), e.getMessage());
            Thread started = new Thread(() -> child[0] = StopSignal.requested());
            started.start();
            started.join();
            other.start();
            other.join();
        }
        assertTrue(child[0], "a thread the run starts sees its request");
        assertFalse(stranger[0], "a thread of another run does not");
        assertFalse(StopSignal.requested(), "closed: nothing stops here any more");
    }

    @Test
    void anInnerScopeClosedRestoresTheOuterOne() {
        AtomicBoolean outer = new AtomicBoolean(true);
        try (StopSignal.Scope a = StopSignal.watch(outer::get)) {
            try (StopSignal.Scope b = StopSignal.watch(() -> false)) {
                assertFalse(StopSignal.requested());
            }
            assertTrue(StopSignal.requested());
        }
        assertFalse(StopSignal.requested());
    }
}
