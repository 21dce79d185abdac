package io.spinloop.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ShardWorkersTest {

    @Test
    void runsEachJobOnItsWorkerAndHandsBackTheResult() {
        try (ShardWorkers w = new ShardWorkers(2, "test-worker")) {
            ShardWorkers.Job<String> a = w.submit(0, () -> Thread.currentThread().getName());
            ShardWorkers.Job<String> b = w.submit(1, () -> Thread.currentThread().getName());
            assertEquals("test-worker-0", a.await());
            assertEquals("test-worker-1", b.await());
        }
    }

    @Test
    void manyHandOffsInARowLoseNoWakeUp() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (ShardWorkers w = new ShardWorkers(1, "test-worker")) {
                long sum = 0;
                for (int i = 0; i < 20_000; i++) {
                    int v = i;
                    sum += w.submit(0, () -> v).await();
                }
                assertEquals(20_000L * 19_999 / 2, sum);
            }
        });
    }

    @Test
    void aWorkerThatParkedWhileIdleWakesForTheNextJob() throws InterruptedException {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (ShardWorkers w = new ShardWorkers(1, "test-worker")) {
                Thread thread = w.submit(0, Thread::currentThread).await();
                // Idle past the spin: the worker parks; the caller too, waiting on a job longer than its spin.
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertEquals(Thread.State.WAITING, thread.getState());
                assertEquals(2, w.submit(0, () -> {
                    sleepMillis(3 * ShardWorkers.SPIN_NANOS / 1_000_000 + 20);
                    return 2;
                }).await());
            }
        });
    }

    @Test
    void withoutSpinningEveryHandOffParksAndStillArrives() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (ShardWorkers w = new ShardWorkers(2, "test-worker", 0)) {
                long sum = 0;
                for (int i = 0; i < 2_000; i++) {
                    int v = i;
                    ShardWorkers.Job<Integer> a = w.submit(0, () -> v);
                    ShardWorkers.Job<Integer> b = w.submit(1, () -> -v);
                    sum += a.await() + 2L * b.await();
                }
                assertEquals(-2_000L * 1_999 / 2, sum);
            }
        });
    }

    @Test
    void whatAJobThrowsIsThrownByAwaitAndTheWorkerRunsOn() {
        try (ShardWorkers w = new ShardWorkers(1, "test-worker")) {
            IllegalArgumentException bad = new IllegalArgumentException("bad shard");
            assertSame(bad, assertThrows(IllegalArgumentException.class,
                    () -> w.submit(0, () -> {
                        throw bad;
                    }).await()));
            AssertionError err = new AssertionError("broken");
            assertSame(err, assertThrows(AssertionError.class, () -> w.submit(0, () -> {
                throw err;
            }).await()));
            assertEquals(3, w.submit(0, () -> 3).await());
        }
    }

    @Test
    void closeEndsTheThreads() throws InterruptedException {
        AtomicReference<Thread> worker = new AtomicReference<>();
        ShardWorkers w = new ShardWorkers(1, "test-worker");
        w.submit(0, () -> {
            worker.set(Thread.currentThread());
            return 0;
        }).await();
        w.close();
        worker.get().join(5_000);
        assertFalse(worker.get().isAlive());
        assertTrue(worker.get().isDaemon());
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
