package io.spinloop.twin.fit;

import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a batch into contiguous parts, one tape and thread each, and sums their gradients into the
 * parameters in a fixed order, so a fit is reproducible for a given thread count.
 */
final class ParallelGradient implements AutoCloseable {

    /** The loss of rows [from, to) of the batch, as a 1x1 tensor already weighted by its share of the batch. */
    interface PartLoss {
        Tensor loss(Tape tape, int from, int to);
    }

    /** Work on rows [from, to) of a batch as part {@code part}; returns its loss. */
    interface PartTask {
        double run(int part, int from, int to);
    }

    private final int threads;
    private final Tape[] tapes;
    private final ExecutorService pool;

    ParallelGradient(int threads) {
        this.threads = threads;
        this.tapes = new Tape[threads];
        for (int i = 0; i < threads; i++) {
            tapes[i] = new Tape();
        }
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "twin-fit");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Zeroes the gradients, computes them over rows [0, n) and returns the summed loss. */
    double compute(Parameters params, int n, PartLoss f, boolean withGradient) {
        params.zeroGrad();
        int parts = Math.min(threads, Math.max(1, n / 64));
        double[] losses = new double[parts];
        if (parts == 1) {
            losses[0] = run(tapes[0], f, 0, n, withGradient);
        } else {
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < parts; k++) {
                int from = (int) ((long) n * k / parts);
                int to = (int) ((long) n * (k + 1) / parts);
                int kk = k;
                futures.add(pool.submit(() -> losses[kk] = run(tapes[kk], f, from, to, withGradient)));
            }
            for (Future<?> fu : futures) {
                try {
                    fu.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("fit interrupted", e);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
        }
        double total = 0;
        for (int k = 0; k < parts; k++) {
            total += losses[k];
            if (withGradient) {
                params.accumulate(tapes[k]);
            }
        }
        return total;
    }

    /** Runs {@code task} over rows [0, n) split into contiguous parts; returns each part's loss, in part order. */
    double[] parts(int n, PartTask task) {
        int parts = Math.min(threads, Math.max(1, n / 64));
        double[] losses = new double[parts];
        if (parts == 1) {
            losses[0] = task.run(0, 0, n);
            return losses;
        }
        List<Future<?>> futures = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            int from = (int) ((long) n * k / parts);
            int to = (int) ((long) n * (k + 1) / parts);
            int kk = k;
            futures.add(pool.submit(() -> losses[kk] = task.run(kk, from, to)));
        }
        for (Future<?> fu : futures) {
            try {
                fu.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("fit interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
        return losses;
    }

    int threads() {
        return threads;
    }

    private static double run(Tape tape, PartLoss f, int from, int to, boolean withGradient) {
        tape.reset();
        Tensor loss = f.loss(tape, from, to);
        if (withGradient) {
            tape.backward(loss);
        }
        return loss.item();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
