package io.spinloop.app.live;

import io.spinloop.lab.bench.RunGuard;
import io.spinloop.lab.bench.StopSignal;

/**
 * A command's run that Ctrl-C, SIGTERM and the live view's Stop end the same way: its {@link RunGuard} is the one
 * request, seen by the loops inside the run through {@link StopSignal} (the training loop between batches, the chip
 * channel between lists), which end the run with a {@link io.spinloop.lab.RunStoppedException}; the bench is closed
 * (sources ramped to 0 A, outputs off) on the way out, before this closes and lets a pending shutdown proceed.
 */
public final class StoppableRun implements AutoCloseable {
    private final RunGuard guard;
    private final StopSignal.Scope scope;

    private StoppableRun(RunGuard guard, LiveView view) {
        this.guard = guard;
        this.scope = StopSignal.watch(guard::stopRequested);
        view.stoppable(guard::requestStop);
    }

    /** Installs the guard (Ctrl-C, SIGTERM) and connects {@code view}'s Stop to it. */
    public static StoppableRun open(LiveView view) {
        return new StoppableRun(RunGuard.install(), view);
    }

    /** The run's guard, for a run that checks it itself (a sweep between points). */
    public RunGuard guard() {
        return guard;
    }

    @Override
    public void close() {
        scope.close();
        guard.close();
    }
}
