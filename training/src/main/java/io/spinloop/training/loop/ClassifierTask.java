package io.spinloop.training.loop;

import io.spinloop.autodiff.LossOps;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.training.data.SequenceDataset;
import java.util.Arrays;

/**
 * A {@link TrainingLoop.Task} for a classifier trained on one tape: each epoch visits a shuffled copy of the
 * examples; each batch runs the network's logits, softmax cross-entropy, the backward pass, adds the loss (summed
 * per example) and the hits to the epoch's totals, then lets the network apply its gradients. What differs between
 * networks is {@link #logits} and {@link #update}.
 */
public abstract class ClassifierTask<E> implements TrainingLoop.Task<E> {
    private final SequenceDataset train;
    private final Tape tape = new Tape();
    private SequenceDataset shuffled;
    private long start;

    protected ClassifierTask(SequenceDataset train) {
        this.train = train;
    }

    /** The logits of rows {@code from} to {@code to} (exclusive) of {@code rows}, recorded on {@code tape}. */
    protected abstract Tensor logits(Tape tape, double[][] rows, int from, int to);

    /** Applies the gradients now on {@code tape} (clipping, checks, the optimizer step). */
    protected abstract void update(Tape tape, TrainingLoop.Batch batch);

    @Override
    public int examples() {
        return train.size();
    }

    @Override
    public void beginEpoch(int epoch, int[] order) {
        start = System.nanoTime();
        shuffled = train.select(order);
    }

    @Override
    public final void trainBatch(TrainingLoop.Batch batch, EpochTotals totals) {
        int[] labels = Arrays.copyOfRange(shuffled.labels(), batch.from(), batch.to());
        tape.reset();
        Tensor logits = logits(tape, shuffled.sequences(), batch.from(), batch.to());
        Tensor loss = LossOps.softmaxCrossEntropy(tape, logits, labels);
        tape.backward(loss);
        totals.addLoss(loss.item() * batch.size());
        totals.addCorrect(LossOps.countCorrect(logits, labels));
        update(tape, batch);
    }

    /** Seconds since the epoch began. */
    protected double epochSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
