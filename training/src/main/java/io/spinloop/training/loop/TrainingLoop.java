package io.spinloop.training.loop;

import io.spinloop.autodiff.LearningRateSchedule;
import io.spinloop.lab.RunStoppedException;
import io.spinloop.lab.bench.StopSignal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one training loop of spinloop: epochs, a seeded order of the examples, mini-batches, the learning rate of
 * each epoch, the epoch's totals with divergence detection, resuming inside an epoch, early stopping, and
 * listeners where checkpoints and progress plug in, and a stop between batches when the run's {@link StopSignal}
 * asks for one. What differs between networks (forward and backward, on a
 * tape or on the chip; the optimizer; what is measured after an epoch) is the {@link Task}.
 *
 * <p>Epochs are counted from 0 here; a task reports them as it likes (most count from 1).
 *
 * @param <E> what a task reports after each epoch
 */
public final class TrainingLoop<E> {

    /** One network's part of the loop. */
    public interface Task<E> {
        /** Training examples per epoch. */
        int examples();

        /** Called before the first batch of an epoch (also of a resumed one) with the epoch's order. */
        default void beginEpoch(int epoch, int[] order) {
        }

        /** Forward, backward and update on one batch; adds its loss (and hits) to {@code totals}. */
        void trainBatch(Batch batch, EpochTotals totals);

        /** The figures of a finished epoch (test scores are measured here). */
        E endEpoch(int epoch, EpochTotals totals);
    }

    /**
     * One mini-batch: positions {@code from} (inclusive) to {@code to} (exclusive) of the epoch's {@code order}.
     */
    public record Batch(int epoch, int index, int from, int to, int[] order, double learningRate) {
        /** The example indices of this batch. */
        public int[] indices() {
            return Arrays.copyOfRange(order, from, to);
        }

        public int size() {
            return to - from;
        }
    }

    /** Where checkpoints and progress plug in. A listener may throw to stop the run (a safe stop). */
    public interface Listener<E> {
        /** Batch {@code batch.index()} of its epoch is done and applied. */
        default void batchDone(Batch batch, EpochTotals totals) {
        }

        /** An epoch is done; {@code figures} is what the task reported. */
        default void epochDone(int epoch, E figures) {
        }

        /** A listener that hands each epoch's figures to {@code progress} (null: one that does nothing). */
        static <E> Listener<E> ofEpochs(java.util.function.Consumer<E> progress) {
            return new Listener<>() {
                @Override
                public void epochDone(int epoch, E figures) {
                    if (progress != null) {
                        progress.accept(figures);
                    }
                }
            };
        }
    }

    /** Stop when {@code score} (lower is better) has not improved for {@code patience} epochs. */
    public record EarlyStopping<E>(java.util.function.ToDoubleFunction<E> score, int patience) {
        public EarlyStopping {
            if (patience < 1) {
                throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
            }
        }
    }

    /** Where a run starts: the first epoch, the first batch in it, and that epoch's totals so far. */
    public record Start(int epoch, int batch, EpochTotals totals) {
        public static Start at(int epoch) {
            return new Start(epoch, 0, null);
        }
    }

    private final Task<E> task;
    private final int batchSize;
    private final ExampleOrder order;
    private final LearningRateSchedule learningRate;
    private EarlyStopping<E> earlyStopping;

    public TrainingLoop(Task<E> task, int batchSize, ExampleOrder order, LearningRateSchedule learningRate) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.task = task;
        this.batchSize = batchSize;
        this.order = order;
        this.learningRate = learningRate;
    }

    /** Stops a {@link #run} early; the figures of every epoch trained are still returned. */
    public TrainingLoop<E> stopEarly(EarlyStopping<E> rule) {
        this.earlyStopping = rule;
        return this;
    }

    public int batchesPerEpoch() {
        return (task.examples() + batchSize - 1) / batchSize;
    }

    /** Trains one whole epoch. */
    public E epoch(int epoch, Listener<E> listener) {
        return epoch(epoch, 0, null, listener);
    }

    /** Trains epochs {@code start.epoch()} to {@code epochs - 1}, the first from {@code start.batch()} on. */
    public List<E> run(Start start, int epochs, Listener<E> listener) {
        List<E> figures = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int sinceBest = 0;
        for (int e = start.epoch(); e < epochs; e++) {
            boolean first = e == start.epoch();
            E f = epoch(e, first ? start.batch() : 0, first ? start.totals() : null, listener);
            figures.add(f);
            if (earlyStopping != null) {
                double s = earlyStopping.score().applyAsDouble(f);
                if (s < best) {
                    best = s;
                    sinceBest = 0;
                } else if (++sinceBest >= earlyStopping.patience()) {
                    break;
                }
            }
        }
        return figures;
    }

    private E epoch(int epoch, int firstBatch, EpochTotals resumed, Listener<E> listener) {
        int n = task.examples();
        int[] perm = order.permutation(epoch, n);
        double lr = learningRate.at(epoch);
        EpochTotals totals = resumed != null ? resumed : new EpochTotals(epoch);
        task.beginEpoch(epoch, perm);
        int batches = batchesPerEpoch();
        for (int b = firstBatch; b < batches; b++) {
            Batch batch = new Batch(epoch, b, b * batchSize, Math.min(n, (b + 1) * batchSize), perm, lr);
            totals.startBatch(b);
            task.trainBatch(batch, totals);
            totals.endBatch(batch.size());
            if (listener != null) {
                listener.batchDone(batch, totals);
            }
            if (StopSignal.requested()) { // Ctrl-C or the live view's Stop: after the batch, its checkpoint written
                throw new RunStoppedException("in epoch " + (epoch + 1) + " after batch " + (b + 1) + " of " + batches);
            }
        }
        E f = task.endEpoch(epoch, totals);
        if (listener != null) {
            listener.epochDone(epoch, f);
        }
        return f;
    }
}
